package dev.ductus.attention.model;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.attention.decode.AttentionBeamSearch;
import dev.ductus.attention.nn.AttentionDecoder;
import dev.ductus.attention.nn.Weights;
import dev.ductus.ctc.input.EncodedLine;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.nn.io.NetworkFile;
import dev.ductus.nn.layer.Layer;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.optim.Optimizer;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * An attention line recogniser: a CTC network as the encoder (its layers up to the last, whose output the
 * decoder attends over; the last layer stays as the CTC head of joint training) and an {@link AttentionDecoder},
 * with the alphabet, the input spec and the training facts, in one network file. Recognition is thread-safe:
 * each call borrows an encoder replica, and the decoder reads through an immutable weight snapshot.
 */
public final class AttentionModel {
    public static final String SYSTEM = "attention-line";
    public static final int FORMAT = 1;
    static final String SYSTEM_KEY = "attention.system";
    static final String FORMAT_KEY = "attention.format";
    static final String ALPHABET = "attention.alphabet";
    static final String INPUT = "attention.input";
    static final String DECODER = "attention.decoder";
    static final String FEATURES = "attention.features";
    static final String FACT = "fact.";

    private final Alphabet alphabet;
    private final String inputSpec;
    private final Network encoder;
    private final AttentionDecoder decoder;
    private final Map<String, String> facts;
    private volatile Weights weights;
    private final ConcurrentLinkedQueue<Worker> workers = new ConcurrentLinkedQueue<>();

    private record Worker(Network network, Batch input) {
    }

    public AttentionModel(Alphabet alphabet, String inputSpec, Network encoder, AttentionDecoder decoder, Map<String, String> facts) {
        int classes = alphabet.size() + 1;
        if (encoder.outputShape().channels() != classes) {
            throw new IllegalArgumentException("the encoder's CTC head has " + encoder.outputShape().channels() + " outputs for "
                    + alphabet.size() + " symbols + blank");
        }
        if (encoder.layers().size() < 2) throw new IllegalArgumentException("the encoder needs layers below its CTC head");
        if (decoder.dims().classes() != classes || decoder.dims().features() != featureChannels(encoder)) {
            throw new IllegalArgumentException("decoder " + decoder.dims() + " does not fit the encoder (" + featureChannels(encoder)
                    + " features, " + classes + " classes)");
        }
        this.alphabet = alphabet;
        this.inputSpec = inputSpec;
        this.encoder = encoder;
        this.decoder = decoder;
        this.facts = Map.copyOf(facts);
    }

    /** Channels of the frames the decoder attends over: the input of the encoder's last (CTC output) layer. */
    public static int featureChannels(Network encoder) {
        List<Layer> layers = encoder.layers();
        return layers.get(layers.size() - 1).inputShape().channels();
    }

    /** A new model on a trained CTC model's network (its weights, alphabet and input) with a fresh decoder. */
    public static AttentionModel onCtc(CtcModel ctc, AttentionDecoder decoder) {
        return new AttentionModel(ctc.alphabet(), ctc.inputSpec(), ctc.network(), decoder, Map.of());
    }

    public Alphabet alphabet() {
        return alphabet;
    }

    public String inputSpec() {
        return inputSpec;
    }

    public Network encoder() {
        return encoder;
    }

    public AttentionDecoder decoder() {
        return decoder;
    }

    public Map<String, String> facts() {
        return facts;
    }

    public AttentionModel withFacts(Map<String, String> newFacts) {
        return new AttentionModel(alphabet, inputSpec, encoder, decoder, newFacts);
    }

    public ModelInfo info() {
        return new ModelInfo(SYSTEM, FORMAT, alphabet, inputSpec, encoder.parameterCount() + decoder.parameterCount(), facts);
    }

    /** Takes a new weight snapshot for recognition (after training steps changed the weights). */
    public void refresh() {
        weights = decoder.weights();
    }

    private Weights weights() {
        Weights w = weights;
        if (w == null) {
            w = decoder.weights();
            weights = w;
        }
        return w;
    }

    /** Runs the encoder layers below the CTC head (the frames the decoder attends over). */
    public static Batch features(Network net, Batch x, boolean training) {
        List<Layer> layers = net.layers();
        Batch b = x;
        for (int i = 0; i < layers.size() - 1; i++) b = layers.get(i).forward(b, training);
        return b;
    }

    /** Recognises encoded lines with the given search (and language model, or null). */
    public List<Hypothesis> recognize(List<EncodedLine> lines, AttentionBeamSearch search, LanguageModel lm) {
        Worker worker = workers.poll();
        if (worker == null) worker = new Worker(encoder.replica(), new Batch(new Tensor(DataType.FLOAT, 1)));
        List<double[]> frames = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        List<dev.ductus.attention.decode.CtcPrefixScorer> ctc = new ArrayList<>();
        int d = decoder.dims().features();
        try {
            Batch x = CtcModel.assemble(lines, worker.input());
            Batch f = features(worker.network(), x, false);
            for (int s = 0; s < lines.size(); s++) {
                int w = f.width(s);
                float[] v = new float[w * d];
                f.data().read(f.offset(s, 0, 0), v, 0, w * d);
                double[] dv = new double[v.length];
                for (int i = 0; i < v.length; i++) dv[i] = v[i];
                frames.add(dv);
                widths.add(w);
            }
            if (search.settings().ctcWeight() > 0) {
                // the CTC head on the same frames: joint CTC/attention decoding
                List<Layer> layers = worker.network().layers();
                Batch logits = layers.get(layers.size() - 1).forward(f, false);
                int k = logits.channels();
                for (int s = 0; s < lines.size(); s++) {
                    int w = logits.width(s);
                    float[] v = new float[w * k];
                    logits.data().read(logits.offset(s, 0, 0), v, 0, w * k);
                    for (int t = 0; t < w; t++) logSoftmax(v, t * k, k);
                    ctc.add(new dev.ductus.attention.decode.CtcPrefixScorer(v, w, k));
                }
            }
        } finally {
            workers.offer(worker);
        }
        Weights wts = weights();
        List<Hypothesis> out = new ArrayList<>(lines.size());
        for (int s = 0; s < lines.size(); s++) {
            long t0 = System.nanoTime();
            int frameCount = widths.get(s);
            AttentionBeamSearch.Result r = search.decode(wts.read(frames.get(s), frameCount), alphabet, lm,
                    ctc.isEmpty() ? null : ctc.get(s));
            EncodedLine line = lines.get(s);
            float[] fx = line.frameX(frameCount);
            double step = frameCount == 0 ? 0 : (double) line.imageWidth() / frameCount;
            StringBuilder text = new StringBuilder();
            List<CharSpan> spans = new ArrayList<>();
            for (AttentionBeamSearch.Symbol sym : r.symbols()) {
                String ch = alphabet.symbol(sym.cls() - 1);
                text.append(ch);
                int peak = 0;
                double[] a = sym.alpha();
                for (int j = 1; j < a.length; j++) if (a[j] > a[peak]) peak = j;
                int x0 = (int) Math.max(0, Math.floor(fx[peak] - step / 2));
                int x1 = (int) Math.min(line.imageWidth(), Math.ceil(fx[peak] + step / 2));
                spans.add(new CharSpan(ch, x0, Math.max(x0 + 1, x1), peak, peak + 1, Math.exp(sym.logProb()), 0));
            }
            Notes notes = new Notes();
            notes.add("attention", r.how(), (System.nanoTime() - t0) / 1e6);
            out.add(new Hypothesis(text.toString(), r.score(), spans, notes));
        }
        return out;
    }

    /** The attention weights of each symbol of a greedy or beam reading (for explain): rows = symbols. */
    public List<double[]> attention(EncodedLine line, AttentionBeamSearch search, LanguageModel lm) {
        Batch x = CtcModel.assemble(List.of(line), new Batch(new Tensor(DataType.FLOAT, 1)));
        Network net = encoder.replica();
        Batch f = features(net, x, false);
        int d = decoder.dims().features();
        int w = f.width(0);
        double[] dv = f.data().toDoubles(w * d);
        net.releaseBuffers();
        AttentionBeamSearch.Result r = search.decode(weights().read(dv, w), alphabet, lm);
        List<double[]> rows = new ArrayList<>();
        for (AttentionBeamSearch.Symbol s : r.symbols()) rows.add(s.alpha());
        return rows;
    }

    /** v[o, o + k) = log softmax of itself (the CTC heads' scores). */
    static void logSoftmax(float[] v, int o, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) max = Math.max(max, v[o + c]);
        double sum = 0;
        for (int c = 0; c < k; c++) sum += Math.exp(v[o + c] - max);
        double lse = max + Math.log(sum);
        for (int c = 0; c < k; c++) v[o + c] = (float) (v[o + c] - lse);
    }

    /** Writes the model (and the optimizer state, for a checkpoint) atomically. */
    public void write(Path file, Optimizer optimizer, Map<String, String> extra) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SYSTEM_KEY, SYSTEM);
        h.put(FORMAT_KEY, Integer.toString(FORMAT));
        h.put(ALPHABET, alphabet.serialize());
        h.put(INPUT, inputSpec);
        h.put(DECODER, decoder.dims().spec());
        h.put(FEATURES, Integer.toString(decoder.dims().features()));
        for (Map.Entry<String, String> e : facts.entrySet()) h.put(FACT + e.getKey(), e.getValue());
        h.putAll(extra);
        NetworkFile.write(file, h, encoder, decoder.params(), optimizer);
    }

    /** Whether a model file's header says it is an attention model (without reading its weights). */
    public static boolean isAttentionModel(Path file) {
        return SYSTEM.equals(NetworkFile.readHeader(file).get(SYSTEM_KEY));
    }

    /** Reads a model file; the optimizer (if given) gets the checkpoint's state. Header extras go to {@code extra}. */
    public static AttentionModel read(Path file, Optimizer optimizer, Map<String, String> extra) {
        NetworkFile.Contents c = NetworkFile.read(file, DataType.FLOAT, optimizer, (h, budget) -> {
            if (!SYSTEM.equals(h.get(SYSTEM_KEY)) || h.get(ALPHABET) == null || h.get(DECODER) == null || h.get(FEATURES) == null) {
                throw new IllegalArgumentException("not an attention model (no system, alphabet or decoder in the header)");
            }
            int format = Integer.parseInt(h.getOrDefault(FORMAT_KEY, "1"));
            if (format > FORMAT) throw new IllegalArgumentException("attention model format " + format + ", this build reads up to " + FORMAT);
            AttentionDecoder.Dims dims = AttentionDecoder.Dims.parse(h.get(DECODER), Integer.parseInt(h.get(FEATURES)),
                    Alphabet.parse(h.get(ALPHABET)).size() + 1);
            if (dims.parameterCount() > budget) {
                throw new IllegalArgumentException("the decoder needs " + dims.parameterCount() + " parameters, the file holds at most " + budget);
            }
            return AttentionDecoder.params(DataType.FLOAT, dims);
        });
        Map<String, String> h = c.header();
        Map<String, String> facts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : h.entrySet()) {
            if (e.getKey().startsWith(FACT)) facts.put(e.getKey().substring(FACT.length()), e.getValue());
            else if (extra != null && !e.getKey().startsWith("attention.") && !e.getKey().startsWith("nn.")) extra.put(e.getKey(), e.getValue());
        }
        try {
            Alphabet alphabet = Alphabet.parse(h.get(ALPHABET));
            AttentionDecoder.Dims dims = AttentionDecoder.Dims.parse(h.get(DECODER), Integer.parseInt(h.get(FEATURES)), alphabet.size() + 1);
            return new AttentionModel(alphabet, h.get(INPUT), c.network(), AttentionDecoder.of(DataType.FLOAT, dims, c.extra()), facts);
        } catch (IllegalArgumentException e) {
            throw new InputException(file.toString(), "inconsistent attention model: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "attention model, %d symbols, input %s, encoder %s, decoder %s", alphabet.size(),
                inputSpec, encoder.spec(), decoder.dims().spec());
    }
}
