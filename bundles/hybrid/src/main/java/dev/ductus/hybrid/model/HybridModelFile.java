package dev.ductus.hybrid.model;

import dev.ductus.api.InputException;
import dev.ductus.api.model.Alphabet;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.nn.io.NetworkFile;
import dev.ductus.nn.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A hybrid model is a Ductus network file ({@link NetworkFile}: magic {@code DUCTUSNN}, model string, float32
 * parameters, CRC-32, written atomically) whose header carries the rest, as text:
 * <pre>
 * hybrid.format          1
 * hybrid.system          mlp-hmm | rnn-hmm
 * hybrid.alphabet        the HMMs' symbols (Alphabet.serialize: hex code points)
 * hybrid.hmm.states      emitting states per symbol
 * hybrid.hmm.transitions per global state: log self, log next, log skip (Java doubles, "-Infinity" allowed)
 * hybrid.features        the canonical feature spec of the network's input
 * hybrid.features.mean   per dimension; hybrid.features.std likewise
 * hybrid.priors          p(state) per global state
 * hybrid.prior.exponent  the exponent scoring uses unless configured otherwise
 * fact.KEY               training facts (data, GMM-HMM it was aligned with, time, FER, ...)
 * </pre>
 * A checkpoint is the same file plus the optimizer state and {@code train.*} position entries.
 */
public final class HybridModelFile {
    public static final int FORMAT_VERSION = 1;
    static final String FORMAT = "hybrid.format";
    static final String SYSTEM = "hybrid.system";
    static final String ALPHABET = "hybrid.alphabet";
    static final String STATES = "hybrid.hmm.states";
    static final String TRANSITIONS = "hybrid.hmm.transitions";
    static final String FEATURES = "hybrid.features";
    static final String MEAN = "hybrid.features.mean";
    static final String STD = "hybrid.features.std";
    static final String PRIORS = "hybrid.priors";
    static final String PRIOR_EXPONENT = "hybrid.prior.exponent";
    static final String FACT = "fact.";

    private HybridModelFile() {
    }

    public static void write(Path file, HybridModel model) throws IOException {
        write(file, model, null, Map.of());
    }

    /** Writes the model, with the optimizer state and {@code extra} header entries for a checkpoint. */
    public static void write(Path file, HybridModel model, Optimizer optimizer, Map<String, String> extra) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(FORMAT, Integer.toString(FORMAT_VERSION));
        h.put(SYSTEM, model.system());
        h.put(ALPHABET, model.alphabet().serialize());
        CharacterHmms hmms = model.hmms();
        h.put(STATES, join(Arrays.stream(hmms.stateCounts()).mapToObj(Integer::toString).toArray(String[]::new)));
        double[] self = hmms.logSelfArray();
        double[] next = hmms.logNextArray();
        double[] skip = hmms.logSkipArray();
        StringBuilder tr = new StringBuilder();
        for (int g = 0; g < self.length; g++) {
            if (g > 0) tr.append(' ');
            tr.append(self[g]).append(' ').append(next[g]).append(' ').append(skip[g]);
        }
        h.put(TRANSITIONS, tr.toString());
        h.put(FEATURES, model.featureSpec());
        h.put(MEAN, floats(model.normalizer().mean()));
        h.put(STD, floats(model.normalizer().std()));
        h.put(PRIORS, doubles(model.priors().values()));
        h.put(PRIOR_EXPONENT, Double.toString(model.priorExponent()));
        for (Map.Entry<String, String> e : model.facts().entrySet()) h.put(FACT + e.getKey(), e.getValue());
        h.putAll(extra);
        NetworkFile.write(file, h, model.network(), optimizer);
    }

    public static HybridModel read(Path file) {
        return read(file, null, null);
    }

    /**
     * @param optimizer receives the checkpoint's optimizer state (may be null)
     * @param extra     receives header entries that are neither model nor network keys (may be null)
     * @throws InputException naming the file when it is missing, truncated, corrupt or not a hybrid model
     */
    public static HybridModel read(Path file, Optimizer optimizer, Map<String, String> extra) {
        NetworkFile.Contents c = NetworkFile.read(file, DataType.FLOAT, optimizer);
        Map<String, String> h = c.header();
        String name = file.toString();
        for (String key : new String[] {SYSTEM, ALPHABET, STATES, TRANSITIONS, FEATURES, MEAN, STD, PRIORS}) {
            if (h.get(key) == null) throw new InputException(name, "not a hybrid HMM model (no " + key + " in the header)");
        }
        int format = integer(h.getOrDefault(FORMAT, "1"), name, FORMAT);
        if (format > FORMAT_VERSION) {
            throw new InputException(name, "hybrid model format " + format + ", this build reads up to " + FORMAT_VERSION);
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : h.entrySet()) {
            if (e.getKey().startsWith(FACT)) facts.put(e.getKey().substring(FACT.length()), e.getValue());
            else if (extra != null && !e.getKey().startsWith("hybrid.") && !e.getKey().startsWith("nn.")) extra.put(e.getKey(), e.getValue());
        }
        try {
            Alphabet alphabet = Alphabet.parse(h.get(ALPHABET));
            int[] counts = Arrays.stream(h.get(STATES).trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
            if (counts.length != alphabet.size()) {
                throw new InputException(name, counts.length + " state counts for " + alphabet.size() + " symbols");
            }
            double[] tr = parseDoubles(h.get(TRANSITIONS));
            int states = Arrays.stream(counts).sum();
            if (tr.length != 3 * states) throw new InputException(name, tr.length + " transition values for " + states + " states");
            double[] self = new double[states];
            double[] next = new double[states];
            double[] skip = new double[states];
            boolean skips = false;
            for (int g = 0; g < states; g++) {
                self[g] = tr[3 * g];
                next[g] = tr[3 * g + 1];
                skip[g] = tr[3 * g + 2];
                skips |= skip[g] > Double.NEGATIVE_INFINITY;
            }
            CharacterHmms hmms = CharacterHmms.create(alphabet, counts, 0.5, skips ? 0.1 : 0).withTransitions(self, next, skip);
            FeatureNormalizer normalizer = new FeatureNormalizer(parseFloats(h.get(MEAN)), parseFloats(h.get(STD)));
            StatePriors priors = StatePriors.of(parseDoubles(h.get(PRIORS)));
            double exponent = Double.parseDouble(h.getOrDefault(PRIOR_EXPONENT, "1"));
            return new HybridModel(h.get(SYSTEM), hmms, h.get(FEATURES), normalizer, priors, exponent, c.network(), facts);
        } catch (InputException e) {
            // e.g. the feature spec, checked where it is parsed: its message names the spec, not the file
            if (name.equals(e.source())) throw e;
            throw new InputException(name, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InputException(name, "inconsistent hybrid model: " + e.getMessage(), e);
        }
    }

    private static int integer(String v, String file, String key) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InputException(file, key + " is not an integer: '" + v + "'");
        }
    }

    private static String join(String[] parts) {
        return String.join(" ", parts);
    }

    private static String floats(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (float f : v) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(Float.toString(f));
        }
        return sb.toString();
    }

    private static String doubles(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(Double.toString(d));
        }
        return sb.toString();
    }

    private static float[] parseFloats(String s) {
        String[] parts = s.trim().split("\\s+");
        float[] v = new float[parts.length];
        for (int i = 0; i < v.length; i++) v[i] = Float.parseFloat(parts[i]);
        return v;
    }

    private static double[] parseDoubles(String s) {
        String[] parts = s.trim().split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(parts[i]);
        return v;
    }
}
