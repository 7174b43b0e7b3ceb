package dev.ductus.gmmhmm.experiment;

import dev.ductus.api.data.Dataset;
import dev.ductus.data.embedded.DatasetSize;
import dev.ductus.features.spec.WindowFeatureExtractor;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
import dev.ductus.gmmhmm.train.GmmHmmTrainer;
import dev.ductus.gmmhmm.train.GmmHmmTrainingOptions;
import dev.ductus.gmmhmm.train.TrainingData;
import dev.ductus.hmm.gmm.DiagonalGmm;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.train.BaumWelchStatistics;
import dev.ductus.hmm.train.EmbeddedBaumWelch;
import dev.ductus.hmm.train.FlatStart;
import dev.ductus.hmm.train.TrainingLine;
import dev.ductus.testsupport.EmbeddedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Baum-Welch throughput (frames per second of one E-step) on real lines, on 1 and 2 threads, for a trained
 * model's mixture size: {@code BaumWelchBenchmark MODEL|- [lines] [dataset] [default|uniform]}. Without a model file, a flat-start model
 * split to 1, 4 and 16 components is timed (its states are all alike, so its beam prunes less than a trained
 * model's: a pessimistic number).
 */
public final class BaumWelchBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        GmmHmmModel trained = args.length > 0 && !args[0].equals("-") ? GmmHmmModelFile.read(Path.of(args[0])) : null;
        String spec = trained == null ? GmmHmmTrainingOptions.defaults().features() : trained.featureSpec();
        String data = args.length > 2 ? args[2] : "cursive";
        String chain = args.length > 3 ? args[3] : "default";
        Dataset train = EmbeddedData.provider(DatasetSize.SMALL).open(data, "train");
        var samples = train.samples().subList(0, n);
        var alphabet = trained == null ? TrainingData.alphabetOf(train.samples()) : trained.alphabet();
        long t0 = System.nanoTime();
        List<TrainingLine> lines = TrainingData.lines(TrainingData.prepare(samples, EmbeddedData.preprocessor(chain),
                WindowFeatureExtractor.of(spec), alphabet, 2, false, w -> { }));
        long frames = lines.stream().mapToLong(TrainingLine::frames).sum();
        System.out.printf(Locale.ROOT, "%d lines, %d frames, features %s: prepared in %.1f s on 2 threads%n", lines.size(),
                frames, spec, (System.nanoTime() - t0) / 1e9);
        if (trained != null) {
            time("trained model, " + trained.gmmHmm().maxComponents() + " components max", trained.gmmHmm(), lines, frames);
            return;
        }
        GmmHmmTrainer trainer = new GmmHmmTrainer(GmmHmmTrainingOptions.parse(Map.of()));
        GmmHmm model = FlatStart.model(trainer.topology(lines, alphabet), FlatStart.globalStatistics(lines));
        for (int m = 1; m <= 16; m *= 2) {
            if (m == 1 || m == 4 || m == 16) time("flat start, " + m + " components", model, lines, frames);
            DiagonalGmm[] g = model.gmms();
            for (int i = 0; i < g.length; i++) g[i] = g[i].split(0.2);
            model = model.withGmms(g);
        }
    }

    private static void time(String what, GmmHmm model, List<TrainingLine> lines, long frames) {
        for (int threads : new int[] {1, 2}) {
            try (EmbeddedBaumWelch bw = new EmbeddedBaumWelch(threads)) {
                bw.accumulate(model, lines.subList(0, Math.min(50, lines.size())));
                long t0 = System.nanoTime();
                BaumWelchStatistics s = bw.accumulate(model, lines);
                double sec = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "%s, %d thread(s): E-step %.1f s, %.0f frames/s (loglik/frame %.2f)%n", what,
                        threads, sec, frames / sec, s.logLikelihoodPerFrame());
            }
        }
    }
}
