package dev.ductus.ctc.model;

import dev.ductus.api.InputException;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.ctc.input.EncodedLine;
import dev.ductus.nn.io.NetworkFile;
import dev.ductus.nn.layer.LogSoftmax;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.optim.Optimizer;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A trained CTC network with what it was trained on: its system ({@code blstm-ctc}, {@code crnn}), alphabet
 * (class i = symbol i - 1, class 0 the blank), input spec, feature statistics (feature systems) and training
 * facts, as stored in the model file. Scoring is thread-safe: each call borrows a replica of the network
 * (shared weights, own buffers) from a pool.
 */
public final class CtcModel {
    public static final int FORMAT = 1;
    static final String SYSTEM = "ctc.system";
    static final String FORMAT_KEY = "ctc.format";
    static final String ALPHABET = "ctc.alphabet";
    static final String INPUT = "ctc.input";
    static final String MEAN = "ctc.features.mean";
    static final String STD = "ctc.features.std";
    static final String FACT = "fact.";

    private final String system;
    private final Alphabet alphabet;
    private final String inputSpec;
    private final float[] featureMean;
    private final float[] featureStd;
    private final Network network;
    private final Map<String, String> facts;
    private final ConcurrentLinkedQueue<Worker> workers = new ConcurrentLinkedQueue<>();

    /** A network replica with its input buffer: what one scoring call needs, reused by later calls. */
    private record Worker(Network network, Batch input) {
    }

    public CtcModel(String system, Alphabet alphabet, String inputSpec, float[] featureMean, float[] featureStd,
                    Network network, Map<String, String> facts) {
        if (network.outputShape().channels() != alphabet.size() + 1) {
            throw new IllegalArgumentException("network has " + network.outputShape().channels() + " outputs for "
                    + alphabet.size() + " symbols + blank");
        }
        this.system = system;
        this.alphabet = alphabet;
        this.inputSpec = inputSpec;
        this.featureMean = featureMean;
        this.featureStd = featureStd;
        this.network = network;
        this.facts = Map.copyOf(facts);
    }

    public String system() {
        return system;
    }

    public Alphabet alphabet() {
        return alphabet;
    }

    public String inputSpec() {
        return inputSpec;
    }

    /** Per-dimension feature mean (feature systems), or null. */
    public float[] featureMean() {
        return featureMean == null ? null : featureMean.clone();
    }

    public float[] featureStd() {
        return featureStd == null ? null : featureStd.clone();
    }

    /** The training network (weights shared with every scoring replica). */
    public Network network() {
        return network;
    }

    public Map<String, String> facts() {
        return facts;
    }

    /** The same model (weights shared) with other training facts. */
    public CtcModel withFacts(Map<String, String> newFacts) {
        return new CtcModel(system, alphabet, inputSpec, featureMean, featureStd, network, newFacts);
    }

    public ModelInfo info() {
        return new ModelInfo(system, FORMAT, alphabet, inputSpec, network.parameterCount(), facts);
    }

    /** Writes the model (and the optimizer state, for a checkpoint) atomically. */
    public void write(Path file, Optimizer optimizer, Map<String, String> extra) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SYSTEM, system);
        h.put(FORMAT_KEY, Integer.toString(FORMAT));
        h.put(ALPHABET, alphabet.serialize());
        h.put(INPUT, inputSpec);
        if (featureMean != null) {
            h.put(MEAN, floats(featureMean));
            h.put(STD, floats(featureStd));
        }
        for (Map.Entry<String, String> e : facts.entrySet()) h.put(FACT + e.getKey(), e.getValue());
        h.putAll(extra);
        NetworkFile.write(file, h, network, optimizer);
    }

    /** Reads a model file; the optimizer (if given) gets the checkpoint's state. Header extras go to {@code extra}. */
    public static CtcModel read(Path file, Optimizer optimizer, Map<String, String> extra) {
        NetworkFile.Contents c = NetworkFile.read(file, DataType.FLOAT, optimizer);
        Map<String, String> h = c.header();
        String system = h.get(SYSTEM);
        if (system == null || h.get(ALPHABET) == null || h.get(INPUT) == null) {
            throw new InputException(file.toString(), "not a CTC model (no system, alphabet or input in the header)");
        }
        int format = Integer.parseInt(h.getOrDefault(FORMAT_KEY, "1"));
        if (format > FORMAT) throw new InputException(file.toString(), "CTC model format " + format + ", this build reads up to " + FORMAT);
        Map<String, String> facts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : h.entrySet()) {
            if (e.getKey().startsWith(FACT)) facts.put(e.getKey().substring(FACT.length()), e.getValue());
            else if (extra != null && !e.getKey().startsWith("ctc.") && !e.getKey().startsWith("nn.")) extra.put(e.getKey(), e.getValue());
        }
        try {
            return new CtcModel(system, Alphabet.parse(h.get(ALPHABET)), h.get(INPUT), parseFloats(h.get(MEAN)),
                    parseFloats(h.get(STD)), c.network(), facts);
        } catch (IllegalArgumentException e) {
            throw new InputException(file.toString(), "inconsistent CTC model: " + e.getMessage(), e);
        }
    }

    private static String floats(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (float f : v) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(Float.toString(f));
        }
        return sb.toString();
    }

    private static float[] parseFloats(String s) {
        if (s == null) return null;
        String[] parts = s.trim().split("\\s+");
        float[] v = new float[parts.length];
        for (int i = 0; i < v.length; i++) v[i] = Float.parseFloat(parts[i]);
        return v;
    }

    /** CTC log-posteriors of encoded lines, batched (lines of similar width together are cheapest). */
    public List<FrameScores> score(List<EncodedLine> lines) {
        Worker worker = workers.poll();
        if (worker == null) worker = new Worker(network.replica(), new Batch(new Tensor(DataType.FLOAT, 1)));
        try {
            Batch x = assemble(lines, worker.input());
            Batch y = worker.network().forward(x, false);
            int k = y.channels();
            List<FrameScores> out = new ArrayList<>(lines.size());
            for (int s = 0; s < lines.size(); s++) {
                int frames = y.width(s);
                float[] scores = new float[frames * k];
                y.data().read(y.offset(s, 0, 0), scores, 0, frames * k);
                for (int t = 0; t < frames; t++) logSoftmax(scores, t * k, k);
                EncodedLine line = lines.get(s);
                out.add(new FrameScores(ScoreKind.CTC_LOG_POSTERIOR, frames, k, scores, alphabet, null,
                        line.frameX(frames), line.imageWidth()));
            }
            return out;
        } finally {
            workers.offer(worker);
        }
    }

    private static void logSoftmax(float[] v, int o, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) max = Math.max(max, v[o + c]);
        double sum = 0;
        for (int c = 0; c < k; c++) sum += Math.exp(v[o + c] - max);
        double lse = max + Math.log(sum);
        for (int c = 0; c < k; c++) v[o + c] = (float) (v[o + c] - lse);
    }

    /** Packs encoded lines into a batch (zero padding, per-sample sizes). */
    public static Batch assemble(List<EncodedLine> lines, Batch into) {
        int n = lines.size();
        int h = 0;
        int w = 0;
        int c = lines.get(0).channels();
        int[] hs = new int[n];
        int[] ws = new int[n];
        for (int s = 0; s < n; s++) {
            EncodedLine l = lines.get(s);
            if (l.channels() != c) throw new IllegalArgumentException("lines with " + l.channels() + " and " + c + " channels");
            hs[s] = l.height();
            ws[s] = l.width();
            h = Math.max(h, hs[s]);
            w = Math.max(w, ws[s]);
        }
        // padded widths in steps of 16: fewer distinct shapes means fewer cached views (native shape buffers)
        w = (w + 15) / 16 * 16;
        into.reshape(n, h, w, c, hs, ws);
        into.zero();
        for (int s = 0; s < n; s++) {
            EncodedLine l = lines.get(s);
            for (int y = 0; y < l.height(); y++) {
                into.data().write(into.offset(s, y, 0), l.values(), y * l.width() * c, l.width() * c);
            }
        }
        return into;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s model, %d symbols, input %s, %s", system, alphabet.size(), inputSpec,
                Arrays.toString(new String[] {network.spec()}));
    }
}
