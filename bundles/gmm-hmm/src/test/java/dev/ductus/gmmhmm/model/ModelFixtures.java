package dev.ductus.gmmhmm.model;

import dev.ductus.api.model.Alphabet;
import dev.ductus.hmm.gmm.DiagonalGmm;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.topology.CharacterHmms;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Models with random parameters for file and component tests. */
public final class ModelFixtures {
    private ModelFixtures() {
    }

    /** Skips on, mixtures of 1, 2 or 4 components, a non-ASCII symbol. */
    public static GmmHmmModel random(String spec, int dim, long seed) {
        Alphabet alphabet = new Alphabet(List.of(" ", "a", "b", "é"));
        CharacterHmms hmms = CharacterHmms.create(alphabet, new int[] {2, 3, 4, 1}, 0.6, 0.1);
        Random r = new Random(seed);
        DiagonalGmm[] gmms = new DiagonalGmm[hmms.totalStates()];
        for (int g = 0; g < gmms.length; g++) {
            int m = 1 << r.nextInt(3);
            double[] w = new double[m];
            double[] mu = new double[m * dim];
            double[] var = new double[m * dim];
            for (int k = 0; k < m; k++) w[k] = 1.0 / m;
            for (int i = 0; i < mu.length; i++) {
                mu[i] = r.nextGaussian();
                var[i] = 0.1 + r.nextDouble();
            }
            gmms[g] = new DiagonalGmm(w, mu, var);
        }
        return new GmmHmmModel(spec, new GmmHmm(hmms, gmms), Map.of("train.data", "cursive/train", "lines", "12"));
    }
}
