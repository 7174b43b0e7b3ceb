package dev.ductus.hybrid.model;

import dev.ductus.api.InputException;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.features.spec.WindowFeatureExtractor;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A trained hybrid model: a network classifying feature frames into the HMM states of a GMM-HMM (an MLP over a
 * window of frames for {@code mlp-hmm}, a BLSTM over the whole line for {@code rnn-hmm}), the character HMMs
 * it was trained for (the GMM-HMM's, transitions included), the state priors of its training targets, the
 * feature configuration with its normalisation, and training facts. Its frame scores are scaled likelihoods
 * of kind {@link ScoreKind#HMM_STATE_LOG_LIKELIHOOD} carrying the HMM structure, so the HMM decoder reads them
 * exactly as it reads a GMM-HMM's. Scoring is thread-safe: each call borrows a network replica (shared
 * weights, own buffers).
 */
public final class HybridModel {
    public static final String MLP_HMM = "mlp-hmm";
    public static final String RNN_HMM = "rnn-hmm";

    private final String system;
    private final CharacterHmms hmms;
    private final String featureSpec;
    private final WindowFeatureExtractor extractor;
    private final FeatureNormalizer normalizer;
    private final StatePriors priors;
    private final double priorExponent;
    private final Network network;
    private final Map<String, String> facts;
    private final ConcurrentLinkedQueue<Worker> workers = new ConcurrentLinkedQueue<>();

    private record Worker(Network network, Batch input) {
    }

    /**
     * @param priorExponent the prior exponent scoring uses unless told otherwise (see {@link ScaledLikelihoods})
     */
    public HybridModel(String system, CharacterHmms hmms, String featureSpec, FeatureNormalizer normalizer,
                       StatePriors priors, double priorExponent, Network network, Map<String, String> facts) {
        if (!system.equals(MLP_HMM) && !system.equals(RNN_HMM)) {
            throw new IllegalArgumentException("system must be " + MLP_HMM + " or " + RNN_HMM + ", got " + system);
        }
        this.extractor = WindowFeatureExtractor.of(featureSpec);
        if (extractor.dimension() != normalizer.dimension() || network.inputShape().channels() != normalizer.dimension()) {
            throw new IllegalArgumentException("features '" + featureSpec + "' have " + extractor.dimension()
                    + " values, the normalisation " + normalizer.dimension() + ", the network reads "
                    + network.inputShape().channels());
        }
        int states = hmms.totalStates();
        if (network.outputShape().channels() != states || priors.states() != states) {
            throw new IllegalArgumentException("the HMMs have " + states + " states, the network " + network.outputShape().channels()
                    + " outputs, the priors " + priors.states() + " states");
        }
        this.system = system;
        this.hmms = hmms;
        this.featureSpec = extractor.spec();
        this.normalizer = normalizer;
        this.priors = priors;
        this.priorExponent = priorExponent;
        this.network = network;
        this.facts = Map.copyOf(facts);
    }

    public String system() {
        return system;
    }

    public CharacterHmms hmms() {
        return hmms;
    }

    public Alphabet alphabet() {
        return hmms.alphabet();
    }

    public String featureSpec() {
        return featureSpec;
    }

    public WindowFeatureExtractor extractor() {
        return extractor;
    }

    public FeatureNormalizer normalizer() {
        return normalizer;
    }

    public StatePriors priors() {
        return priors;
    }

    public double priorExponent() {
        return priorExponent;
    }

    /** The training network; scoring replicas share its weights. */
    public Network network() {
        return network;
    }

    public Map<String, String> facts() {
        return facts;
    }

    public HybridModel withFacts(Map<String, String> more) {
        Map<String, String> all = new java.util.LinkedHashMap<>(facts);
        all.putAll(more);
        return new HybridModel(system, hmms, featureSpec, normalizer, priors, priorExponent, network, all);
    }

    /** The same network (weights shared) with other priors, e.g. after re-alignment. */
    public HybridModel withPriors(StatePriors newPriors) {
        return new HybridModel(system, hmms, featureSpec, normalizer, newPriors, priorExponent, network, facts);
    }

    public HybridModel withPriorExponent(double exponent) {
        return new HybridModel(system, hmms, featureSpec, normalizer, priors, exponent, network, facts);
    }

    public ModelInfo info() {
        return new ModelInfo(system, HybridModelFile.FORMAT_VERSION, alphabet(), featureSpec, network.parameterCount(), facts);
    }

    /** The scaling this model's stored prior exponent gives, unscaled. */
    public ScaledLikelihoods defaultScaling() {
        return new ScaledLikelihoods(priors, priorExponent, 1.0);
    }

    /** Features, then scaled likelihoods of a preprocessed line with the model's own prior exponent. */
    public FrameScores score(GrayImage line) {
        return score(line, defaultScaling());
    }

    public FrameScores score(GrayImage line, ScaledLikelihoods scaling) {
        return score(extractor.extract(line), line.width(), scaling);
    }

    /**
     * @throws InputException when the frames were made with another feature configuration
     */
    public FrameScores score(FeatureSequence features, int imageWidth, ScaledLikelihoods scaling) {
        float[] scores = logPosteriors(List.of(normalize(features))).get(0);
        scaling.apply(scores, features.frames());
        return new FrameScores(ScoreKind.HMM_STATE_LOG_LIKELIHOOD, features.frames(), hmms.totalStates(), scores,
                alphabet(), hmms, features.frameX(), imageWidth);
    }

    /** The standardised frames of a feature sequence of this model's spec. */
    public float[] normalize(FeatureSequence features) {
        if (!featureSpec.equals(features.spec())) {
            throw new InputException(system + " model", "trained on features '" + featureSpec + "', got frames made with '"
                    + features.spec() + "'");
        }
        return normalizer.apply(features);
    }

    /**
     * log p(state | frames) of standardised lines (each {@code frames x dimension}), frames x states each.
     * Lines of similar length are cheapest together: the batch is padded to the longest.
     */
    public List<float[]> logPosteriors(List<float[]> lines) {
        Worker worker = workers.poll();
        if (worker == null) worker = new Worker(network.replica(), new Batch(new Tensor(DataType.FLOAT, 1)));
        try {
            int d = network.inputShape().channels();
            Batch x = assemble(lines, d, worker.input());
            Batch y = worker.network().forward(x, false);
            int k = y.channels();
            List<float[]> out = new ArrayList<>(lines.size());
            for (int s = 0; s < lines.size(); s++) {
                int frames = y.width(s);
                float[] v = new float[frames * k];
                if (frames > 0) y.data().read(y.offset(s, 0, 0), v, 0, frames * k);
                ScaledLikelihoods.logSoftmaxRows(v, frames, k);
                out.add(v);
            }
            return out;
        } finally {
            workers.offer(worker);
        }
    }

    /** Packs standardised lines ({@code frames x dimension} each) into a sequence batch, zero padded. */
    public static Batch assemble(List<float[]> lines, int dimension, Batch into) {
        int n = lines.size();
        int[] hs = new int[n];
        int[] ws = new int[n];
        int w = 1;
        for (int s = 0; s < n; s++) {
            float[] l = lines.get(s);
            if (l.length % dimension != 0) throw new IllegalArgumentException("line of " + l.length + " values, dimension " + dimension);
            hs[s] = 1;
            ws[s] = l.length / dimension;
            w = Math.max(w, ws[s]);
        }
        // widths in steps of 16: fewer distinct shapes, fewer cached native views
        w = (w + 15) / 16 * 16;
        into.reshape(n, 1, w, dimension, hs, ws);
        into.zero();
        for (int s = 0; s < n; s++) {
            float[] l = lines.get(s);
            if (l.length > 0) into.data().write(into.offset(s, 0, 0), l, 0, l.length);
        }
        return into;
    }

    /** Frees the native buffers of the scoring replicas (the weights stay). */
    public void releaseWorkers() {
        Worker w;
        while ((w = workers.poll()) != null) {
            w.network().releaseBuffers();
            w.input().data().release();
        }
    }
}
