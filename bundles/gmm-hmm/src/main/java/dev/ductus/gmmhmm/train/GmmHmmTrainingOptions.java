package dev.ductus.gmmhmm.train;

import dev.ductus.api.InputException;
import dev.ductus.features.spec.FeatureSpec;
import java.util.Map;

/**
 * The knobs of GMM-HMM training, read from the request's options (all optional):
 * <ul>
 * <li>{@code features} feature spec, default {@value #DEFAULT_FEATURES}</li>
 * <li>{@code states} {@code auto} (from estimated symbol widths) or a fixed count per symbol</li>
 * <li>{@code frames.per.state} frames one state should cover when states=auto (default 1.5)</li>
 * <li>{@code min.states}/{@code max.states} bounds for states=auto (2 / 12); {@code space.states} (2)</li>
 * <li>{@code mixtures} largest number of Gaussians per state, reached by doubling (default 16)</li>
 * <li>{@code iterations} Baum-Welch iterations per mixture size (4); {@code iterations.first} for the
 *     single-Gaussian stage after the flat start (8)</li>
 * <li>{@code min.frames.per.component} a state's mixture doubles only while each component keeps this many
 *     frames (default 20)</li>
 * <li>{@code variance.floor} floor as a fraction of the global variance (0.01); {@code skip} initial state-skip
 *     probability, 0 (the default) disables skips</li>
 * <li>{@code threads} (2); {@code max.lines} train on at most this many lines, 0 = all</li>
 * <li>{@code validation.lines} decode at most this many validation lines for the CER (200, 0 = none)</li>
 * <li>{@code alignments} write the Viterbi state alignment of the training lines to this file</li>
 * <li>{@code preprocess} {@code true} (default) or {@code false} for data that is already normalised</li>
 * <li>{@code chain} the preprocessing chain (its {@code ductus.name}) the trainer component runs the images
 *     through, instead of the one it is bound to</li>
 * <li>{@code data} the data's name, recorded by {@code ductus train} (not used here)</li>
 * </ul>
 * The defaults are the best of the configurations compared on the embedded cursive data (overlapping 4-pixel
 * windows every 2 pixels, about 1.5 frames per state, no skips: skips let characters shrink to half their
 * states and cost 13 points of CER there).
 */
public record GmmHmmTrainingOptions(String features, int fixedStates, double framesPerState, int minStates,
                                    int maxStates, int spaceStates, int mixtures, int iterations, int firstIterations,
                                    double minFramesPerComponent, double varianceFloor, double skip, int threads,
                                    int maxLines, int validationLines, String alignments, boolean preprocess) {
    public static final String DEFAULT_FEATURES = "handcrafted:w=4,s=2,deltas=1";
    /** The keys the trainer accepts, with what they do and their defaults. */
    public static final Map<String, String> OPTIONS = options();

    private static Map<String, String> options() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("features", "feature spec (" + DEFAULT_FEATURES + ")");
        m.put("states", "auto (from estimated symbol widths) or a fixed count per symbol (auto)");
        m.put("frames.per.state", "frames one state should cover when states=auto (1.5)");
        m.put("min.states", "fewest states per symbol when states=auto (2)");
        m.put("max.states", "most states per symbol when states=auto (12)");
        m.put("space.states", "states of the space model (2)");
        m.put("mixtures", "largest number of Gaussians per state, reached by doubling, a power of two (16)");
        m.put("iterations", "Baum-Welch iterations per mixture size (4)");
        m.put("iterations.first", "iterations of the single-Gaussian stage after the flat start (8)");
        m.put("min.frames.per.component", "a mixture doubles only while each component keeps this many frames (20)");
        m.put("variance.floor", "variance floor as a fraction of the global variance (0.01)");
        m.put("skip", "initial state-skip probability, 0 = no skips (0)");
        m.put("threads", "threads (2)");
        m.put("max.lines", "train on at most this many lines, 0 = all (0)");
        m.put("validation.lines", "decode at most this many validation lines for the CER, 0 = none (200)");
        m.put("alignments", "write the Viterbi state alignment of the training lines to this file");
        m.put("preprocess", "false for data that is already normalised (true)");
        m.put("chain", "the preprocessing chain (its ductus.name) to run the images through instead of the bound one");
        m.put("data", "the data's name, recorded by ductus train");
        return java.util.Collections.unmodifiableMap(m);
    }

    public static GmmHmmTrainingOptions defaults() {
        return parse(Map.of());
    }

    /** Options for the gmm-hmm trainer; unknown keys are an error so that typos do not go unnoticed. */
    public static GmmHmmTrainingOptions parse(Map<String, String> options) {
        dev.ductus.api.train.TrainingOptionKeys.check("gmm-hmm", options, OPTIONS);
        String features = FeatureSpec.parse(options.getOrDefault("features", DEFAULT_FEATURES)).toString();
        String states = options.getOrDefault("states", "auto");
        int fixed = states.equals("auto") ? 0 : integer(options, "states", 0, 1, 1000);
        int mixtures = integer(options, "mixtures", 16, 1, 4096);
        if (Integer.bitCount(mixtures) != 1) throw new InputException("training option 'mixtures'", "must be a power of two");
        return new GmmHmmTrainingOptions(features, fixed,
                number(options, "frames.per.state", 1.5, 0.1, 1000),
                integer(options, "min.states", 2, 1, 1000),
                integer(options, "max.states", 12, 1, 1000),
                integer(options, "space.states", 2, 1, 1000),
                mixtures,
                integer(options, "iterations", 4, 0, 1000),
                integer(options, "iterations.first", 8, 1, 1000),
                number(options, "min.frames.per.component", 20, 0, 1e9),
                number(options, "variance.floor", 0.01, 1e-9, 1),
                number(options, "skip", 0, 0, 0.5),
                integer(options, "threads", 2, 1, 256),
                integer(options, "max.lines", 0, 0, Integer.MAX_VALUE),
                integer(options, "validation.lines", 200, 0, Integer.MAX_VALUE),
                options.getOrDefault("alignments", ""),
                Boolean.parseBoolean(options.getOrDefault("preprocess", "true")));
    }

    private static int integer(Map<String, String> o, String key, int dflt, int min, int max) {
        String v = o.get(key);
        if (v == null) return dflt;
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) throw new InputException("training option '" + key + "'", i + " outside " + min + ".." + max);
            return i;
        } catch (NumberFormatException e) {
            throw new InputException("training option '" + key + "'", "not an integer: '" + v + "'");
        }
    }

    private static double number(Map<String, String> o, String key, double dflt, double min, double max) {
        String v = o.get(key);
        if (v == null) return dflt;
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= min && d <= max)) throw new InputException("training option '" + key + "'", d + " outside " + min + ".." + max);
            return d;
        } catch (NumberFormatException e) {
            throw new InputException("training option '" + key + "'", "not a number: '" + v + "'");
        }
    }

    /** The mixture sizes of the training stages: 1, 2, 4, ..., mixtures. */
    public int[] stages() {
        int n = Integer.numberOfTrailingZeros(mixtures) + 1;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) s[i] = 1 << i;
        return s;
    }

    public int totalIterations() {
        return firstIterations + iterations * (stages().length - 1);
    }
}
