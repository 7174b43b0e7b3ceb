package dev.ductus.hmm.train;

import dev.ductus.api.features.FeatureSequence;
import dev.ductus.hmm.gmm.DiagonalGmm;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.topology.CharacterHmms;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Lines sampled from a known GMM-HMM: random texts, state durations from the transitions, Gaussian frames. */
final class SyntheticLines {
    record Sampled(TrainingLine line, int[] states) {
    }

    private SyntheticLines() {
    }

    /** A model over " ", "a", "b", "c" (1 space state, 3 states per letter) with well separated 2-d means. */
    static GmmHmm trueModel() {
        var alphabet = new dev.ductus.api.model.Alphabet(List.of(" ", "a", "b", "c"));
        CharacterHmms hmms = CharacterHmms.create(alphabet, new int[] {1, 3, 3, 3}, 0.5, 0.05);
        DiagonalGmm[] gmms = new DiagonalGmm[hmms.totalStates()];
        Random r = new Random(11);
        for (int g = 0; g < gmms.length; g++) {
            double[] mean = {8 * r.nextDouble(), 8 * r.nextDouble()};
            gmms[g] = new DiagonalGmm(new double[] {0.6, 0.4},
                    new double[] {mean[0], mean[1], mean[0] + 0.5, mean[1] - 0.5},
                    new double[] {0.2, 0.3, 0.25, 0.2});
        }
        return new GmmHmm(hmms, gmms);
    }

    static List<Sampled> sample(GmmHmm model, int count, long seed) {
        Random r = new Random(seed);
        CharacterHmms hmms = model.hmms();
        int space = hmms.spaceSymbol();
        List<Sampled> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int words = 1 + r.nextInt(3);
            List<Integer> labels = new ArrayList<>();
            List<Integer> states = new ArrayList<>();
            if (r.nextBoolean()) walk(hmms, space, r, states);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    labels.add(space);
                    if (r.nextDouble() < 0.8) walk(hmms, space, r, states);
                }
                int len = 1 + r.nextInt(4);
                for (int k = 0; k < len; k++) {
                    int c = 1 + r.nextInt(hmms.alphabet().size() - 1);
                    labels.add(c);
                    walk(hmms, c, r, states);
                }
            }
            if (r.nextBoolean()) walk(hmms, space, r, states);
            int frames = states.size();
            int dim = model.dimension();
            float[] x = new float[frames * dim];
            int[] path = new int[frames];
            for (int t = 0; t < frames; t++) {
                int g = states.get(t);
                path[t] = g;
                DiagonalGmm gmm = model.gmm(g);
                double u = r.nextDouble();
                int k = 0;
                while (k + 1 < gmm.components() && u > gmm.weight(k)) u -= gmm.weight(k++);
                for (int d = 0; d < dim; d++) {
                    x[t * dim + d] = (float) (gmm.mean(k, d) + Math.sqrt(gmm.variance(k, d)) * r.nextGaussian());
                }
            }
            FeatureSequence fs = new FeatureSequence(frames, dim, x, new float[frames], "synthetic");
            out.add(new Sampled(new TrainingLine("line" + i, fs, labels.stream().mapToInt(Integer::intValue).toArray()), path));
        }
        return out;
    }

    /** Appends the states one pass through symbol c's model visits. */
    private static void walk(CharacterHmms hmms, int c, Random r, List<Integer> states) {
        int n = hmms.stateCount(c);
        int s = 0;
        while (s < n) {
            states.add(hmms.stateIndex(c, s));
            double u = r.nextDouble();
            double self = Math.exp(hmms.logSelfLoop(c, s));
            double skip = Math.exp(hmms.logSkip(c, s));
            if (u < self) continue;
            s += u < self + skip ? 2 : 1;
        }
    }

    static List<TrainingLine> lines(List<Sampled> sampled) {
        return sampled.stream().map(Sampled::line).toList();
    }
}
