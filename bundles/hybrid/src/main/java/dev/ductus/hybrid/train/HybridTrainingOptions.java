package dev.ductus.hybrid.train;

import dev.ductus.api.InputException;
import dev.ductus.hybrid.net.HybridTopology;
import java.util.Map;

/**
 * The knobs of hybrid training, from the request's options over the trainer's defaults:
 * <ul>
 * <li>{@code gmm.model} the trained GMM-HMM whose forced alignment gives the frame targets and whose HMMs
 *     the hybrid decodes with (required)</li>
 * <li>{@code features} the network's input features, by default the GMM-HMM's; another spec (e.g. raw
 *     pixel windows {@code pixels:w=4,s=2,h=32}) must have the GMM-HMM's window shift, so frames match</li>
 * <li>{@code model} the hidden layers as a model string (the output layer over the states is added); default
 *     {@value HybridTopology#DEFAULT_MLP} or {@value HybridTopology#DEFAULT_RNN}</li>
 * <li>{@code epochs} (12), {@code batch} lines per update (16), {@code lr} Adam learning rate (0.001),
 *     {@code schedule} (constant; see LearningRateSchedule), {@code clip} global gradient norm (5),
 *     {@code patience} epochs without a better validation FER (3), {@code seed} (1)</li>
 * <li>{@code prior.exponent} stored as the model's default (1.0); {@code prior.smoothing} counts added to
 *     every state (1)</li>
 * <li>{@code realign} passes of re-alignment with the hybrid itself, each followed by {@code realign.epochs}
 *     (4) epochs of training on the new targets; a pass is kept only if the validation CER improves (0)</li>
 * <li>{@code max.lines} / {@code max.validation} at most this many training / validation lines, 0 = all;
 *     {@code validation.lines} validation lines decoded (no LM) for the CER (100, 0 = none)</li>
 * <li>{@code threads} (2), {@code preprocess} (true), {@code preprocessing} the name of the preprocessing in
 *     the alignment cache key (default), {@code alignment.cache} folder for alignments that cannot be stored
 *     with the data (~/.cache/ductus/alignments), {@code progress.steps} (20)</li>
 * </ul>
 */
public record HybridTrainingOptions(String gmmModel, String features, String model, int epochs, int batch, double lr,
                                    String schedule, double clip, int patience, long seed, double priorExponent,
                                    double priorSmoothing, int realign, int realignEpochs, int maxLines,
                                    int maxValidation, int validationLines, int threads, boolean preprocess,
                                    String preprocessing, String alignmentCache, int progressSteps) {
    /** The keys the hybrid trainers accept, with what they do and their defaults. */
    public static final Map<String, String> OPTIONS = options();

    private static Map<String, String> options() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("gmm.model", "the trained GMM-HMM whose forced alignment gives the frame targets (required)");
        m.put("features", "the network's input features (the GMM-HMM's; another spec needs the same window shift)");
        m.put("model", "the hidden layers as a model string (the output layer over the states is added)");
        m.put("epochs", "most epochs (12)");
        m.put("batch", "lines per update (16)");
        m.put("lr", "Adam learning rate (0.001)");
        m.put("schedule", "learning-rate schedule, see LearningRateSchedule (constant)");
        m.put("clip", "global gradient-norm clipping (5)");
        m.put("patience", "epochs without a better validation FER before stopping (3)");
        m.put("seed", "random seed (1)");
        m.put("prior.exponent", "state-prior exponent stored as the model's default (1.0)");
        m.put("prior.smoothing", "counts added to every state's prior (1)");
        m.put("realign", "passes of re-alignment with the hybrid itself (0)");
        m.put("realign.epochs", "epochs of training after each re-alignment (4)");
        m.put("max.lines", "train on at most this many lines, 0 = all (0)");
        m.put("max.validation", "validate on at most this many lines, 0 = all (0)");
        m.put("validation.lines", "validation lines decoded (no LM) for the CER, 0 = none (100)");
        m.put("threads", "threads (2)");
        m.put("preprocess", "false for data that is already normalised (true)");
        m.put("preprocessing", "the name of the preprocessing in the alignment cache key (default)");
        m.put("alignment.cache", "folder for alignments that cannot be stored with the data");
        m.put("progress.steps", "report progress every this many steps (20)");
        m.put("chain", "the preprocessing chain (its ductus.name) to run the images through");
        m.put("data", "the data's name, recorded by ductus train");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * @param options  the request's options (win)
     * @param defaults the trainer's configured defaults
     * @throws InputException naming an unknown key or a bad value
     */
    public static HybridTrainingOptions parse(String system, Map<String, String> options, Map<String, String> defaults) {
        dev.ductus.api.train.TrainingOptionKeys.check(system, options, OPTIONS);
        java.util.function.Function<String, String> o = k -> {
            String v = options.get(k);
            if (v == null || v.isBlank()) v = defaults.get(k);
            return v == null || v.isBlank() ? null : v.trim();
        };
        String gmm = o.apply("gmm.model");
        if (gmm == null) throw new InputException("training option 'gmm.model'", "required: the GMM-HMM model file that aligns the data");
        String model = o.apply("model");
        return new HybridTrainingOptions(gmm, o.apply("features"), model == null ? HybridTopology.defaultModel(system) : model,
                integer(o, "epochs", 12, 1, 10_000), integer(o, "batch", 16, 1, 4096), number(o, "lr", 1e-3, 1e-7, 10),
                o.apply("schedule") == null ? "constant" : o.apply("schedule"), number(o, "clip", 5, 0, 1e9),
                integer(o, "patience", 3, 1, 10_000), integer(o, "seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE),
                number(o, "prior.exponent", 1.0, 0, 10), number(o, "prior.smoothing", 1.0, 0, 1e9),
                integer(o, "realign", 0, 0, 100), integer(o, "realign.epochs", 4, 1, 10_000),
                integer(o, "max.lines", 0, 0, Integer.MAX_VALUE), integer(o, "max.validation", 0, 0, Integer.MAX_VALUE),
                integer(o, "validation.lines", 100, 0, Integer.MAX_VALUE), integer(o, "threads", 2, 1, 256),
                bool(o, "preprocess", true), o.apply("preprocessing") == null ? "default" : o.apply("preprocessing"),
                o.apply("alignment.cache") == null ? "" : o.apply("alignment.cache"), integer(o, "progress.steps", 20, 1, 1_000_000));
    }

    private static int integer(java.util.function.Function<String, String> o, String key, int dflt, int min, int max) {
        String v = o.apply(key);
        if (v == null) return dflt;
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) throw new InputException("training option '" + key + "'", i + " outside " + min + ".." + max);
            return i;
        } catch (NumberFormatException e) {
            throw new InputException("training option '" + key + "'", "not an integer: '" + v + "'");
        }
    }

    private static double number(java.util.function.Function<String, String> o, String key, double dflt, double min, double max) {
        String v = o.apply(key);
        if (v == null) return dflt;
        try {
            double d = Double.parseDouble(v);
            if (!(d >= min && d <= max)) throw new InputException("training option '" + key + "'", d + " outside " + min + ".." + max);
            return d;
        } catch (NumberFormatException e) {
            throw new InputException("training option '" + key + "'", "not a number: '" + v + "'");
        }
    }

    private static boolean bool(java.util.function.Function<String, String> o, String key, boolean dflt) {
        String v = o.apply(key);
        if (v == null) return dflt;
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) return Boolean.parseBoolean(v);
        throw new InputException("training option '" + key + "'", "must be true or false, got '" + v + "'");
    }

    public FrameTrainer.Settings frameSettings(String phase, int epochCount) {
        return new FrameTrainer.Settings(epochCount, batch, lr, schedule, clip, patience, seed, progressSteps, phase);
    }
}
