package dev.ductus.gmmhmm.train;

import dev.ductus.api.model.Alphabet;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.hmm.gmm.DiagonalGmm;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hmm.topology.CharacterWidthEstimator;
import dev.ductus.hmm.train.BaumWelchStatistics;
import dev.ductus.hmm.train.EmbeddedBaumWelch;
import dev.ductus.hmm.train.FlatStart;
import dev.ductus.hmm.train.TrainingLine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains a GMM-HMM from feature sequences and transcriptions: topology (state counts fixed or from estimated
 * symbol widths), flat start from the global mean and variance, then stages of embedded Baum-Welch with 1, 2,
 * 4, ... Gaussians per state, doubling each mixture between stages (a state's mixture only doubles while every
 * component keeps enough frames). Progress goes to the listener after every iteration.
 */
public final class GmmHmmTrainer {
    /** Means of a split pair move this many standard deviations apart (each way). */
    private static final double SPLIT_EPSILON = 0.2;
    /** Fact of a checkpoint: how many mixture stages it completed. */
    public static final String STAGES_DONE = "stages.done";
    private static final System.Logger LOG = System.getLogger(GmmHmmTrainer.class.getName());

    private final GmmHmmTrainingOptions options;

    public GmmHmmTrainer(GmmHmmTrainingOptions options) {
        this.options = options;
    }

    /** The HMM topology for the data: fixed or estimated state counts, the space model's own count. */
    public CharacterHmms topology(List<TrainingLine> lines, Alphabet alphabet) {
        int[] counts = new int[alphabet.size()];
        if (options.fixedStates() > 0) {
            java.util.Arrays.fill(counts, options.fixedStates());
        } else {
            CharacterWidthEstimator widths = new CharacterWidthEstimator(alphabet.size());
            for (TrainingLine line : lines) widths.add(line.frames(), line.labels());
            counts = CharacterWidthEstimator.stateCounts(widths.widths(4, 1), options.framesPerState(),
                    options.minStates(), options.maxStates());
        }
        int space = alphabet.indexOf(CharacterHmms.SPACE);
        if (space >= 0) counts[space] = options.spaceStates();
        double self = Math.max(0.3, Math.min(0.85, 1 - 1 / options.framesPerState()));
        double skip = Math.min(options.skip(), 0.9 - self);
        return CharacterHmms.create(alphabet, counts, self, skip);
    }

    /**
     * @param checkpoint receives the model after every mixture stage (may be null)
     * @param resume     a checkpoint to continue from (its completed stages are skipped), or null
     */
    public GmmHmmModel train(List<TrainingLine> lines, Alphabet alphabet, TrainingListener listener,
                             Consumer<GmmHmmModel> checkpoint, GmmHmmModel resume) {
        try (EmbeddedBaumWelch bw = new EmbeddedBaumWelch(options.threads())) {
            return train(lines, alphabet, listener, checkpoint, resume, model -> bw.accumulate(model, lines));
        }
    }

    /**
     * The E-step of one Baum-Welch iteration over all training lines: the statistics of the lines under the model.
     * Local training spreads the lines over threads; a cluster job reduces the statistics of its partitions.
     */
    @FunctionalInterface
    public interface EStep {
        BaumWelchStatistics accumulate(GmmHmm model);
    }

    /**
     * As {@link #train(List, Alphabet, TrainingListener, Consumer, GmmHmmModel)}, with the E-step done by
     * {@code estep} (over the same lines; {@code lines} here give the global statistics and the topology).
     */
    public GmmHmmModel train(List<TrainingLine> lines, Alphabet alphabet, TrainingListener listener,
                             Consumer<GmmHmmModel> checkpoint, GmmHmmModel resume, EStep estep) {
        long start = System.nanoTime();
        FlatStart.GlobalStatistics global = FlatStart.globalStatistics(lines);
        GmmHmm model;
        int firstStage = 0;
        if (resume != null) {
            if (!resume.alphabet().equals(alphabet) || !resume.featureSpec().equals(options.features())) {
                throw new IllegalArgumentException("the checkpoint was trained on other symbols or features");
            }
            model = resume.gmmHmm();
            firstStage = Integer.parseInt(resume.facts().getOrDefault(STAGES_DONE, "0"));
            listener.message("gmm-hmm: resuming after " + firstStage + " completed mixture stages");
        } else {
            model = FlatStart.model(topology(lines, alphabet), global);
        }
        CharacterHmms hmms = model.hmms();
        EmbeddedBaumWelch.Settings settings = new EmbeddedBaumWelch.Settings(global.floor(options.varianceFloor()),
                2.0, 1e-3);
        listener.message(String.format("gmm-hmm: %d lines, %d frames of %d values, %d symbols, %d states (%s)",
                lines.size(), global.frames(), global.mean().length, alphabet.size(), hmms.totalStates(),
                options.fixedStates() > 0 ? options.fixedStates() + " per symbol" : "from estimated widths"));
        int[] stages = options.stages();
        double totalCost = 0;
        for (int s = 0; s < stages.length; s++) totalCost += stages[s] * (s == 0 ? options.firstIterations() : options.iterations());
        double doneCost = 0;
        double runCost = 0;
        int step = 0;
        int total = options.totalIterations();
        BaumWelchStatistics last = null;
        double logLikPerFrame = Double.NaN;
        for (int s = 0; s < stages.length; s++) {
            int iterations = s == 0 ? options.firstIterations() : options.iterations();
            if (s < firstStage) {
                doneCost += stages[s] * iterations;
                step += iterations;
                continue;
            }
            if (s > 0) model = split(model, last, stages[s - 1]);
            for (int it = 0; it < iterations; it++) {
                if (Thread.currentThread().isInterrupted()) throw new IllegalStateException("training interrupted");
                last = estep.accumulate(model);
                model = EmbeddedBaumWelch.reestimate(model, last, settings);
                step++;
                doneCost += stages[s];
                runCost += stages[s];
                logLikPerFrame = last.logLikelihoodPerFrame();
                double elapsed = (System.nanoTime() - start) / 1e9;
                double eta = elapsed / runCost * (totalCost - doneCost);
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("loglik.per.frame", logLikPerFrame);
                metrics.put("mixtures", (double) model.maxComponents());
                metrics.put("failed.lines", (double) last.failedLines());
                listener.progress(new TrainingProgress("baum-welch", step, total, metrics, elapsed, eta));
            }
            if (last != null && last.failedLines() > 0) {
                listener.message(last.failedLines() + " lines could not be aligned (fewer frames than their"
                        + " models need, or no path): they do not train the model");
            }
            if (checkpoint != null) {
                checkpoint.accept(wrap(model, lines, global.frames(), step, logLikPerFrame, start)
                        .withFacts(Map.of(STAGES_DONE, Integer.toString(s + 1))));
            }
        }
        GmmHmmModel result = wrap(model, lines, global.frames(), step, logLikPerFrame, start);
        LOG.log(System.Logger.Level.INFO, "gmm-hmm trained: {0}", result.facts());
        return result;
    }

    private GmmHmmModel wrap(GmmHmm model, List<TrainingLine> lines, long frames, int iterations, double ll, long start) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("trained", Instant.now().toString());
        facts.put("train.lines", Integer.toString(lines.size()));
        facts.put("train.frames", Long.toString(frames));
        facts.put("states", options.fixedStates() > 0 ? Integer.toString(options.fixedStates()) : "auto");
        facts.put("states.total", Integer.toString(model.states()));
        facts.put("mixtures.max", Integer.toString(model.maxComponents()));
        facts.put("iterations", Integer.toString(iterations));
        facts.put("loglik.per.frame", String.format(java.util.Locale.ROOT, "%.4f", ll));
        facts.put("training.seconds", String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        return new GmmHmmModel(options.features(), model, facts);
    }

    /** Doubles the mixtures of the states whose occupancy can feed twice as many components. */
    private GmmHmm split(GmmHmm model, BaumWelchStatistics stats, int components) {
        DiagonalGmm[] gmms = model.gmms();
        int split = 0;
        for (int g = 0; g < gmms.length; g++) {
            double occ = stats == null ? Double.POSITIVE_INFINITY : stats.stateOccupancy(g);
            int m = gmms[g].components();
            if (m < 2 * components && occ >= 2 * m * options.minFramesPerComponent()) {
                gmms[g] = gmms[g].split(SPLIT_EPSILON);
                split++;
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "split {0} of {1} mixtures to {2} components", split, gmms.length, 2 * components);
        return model.withGmms(gmms);
    }
}
