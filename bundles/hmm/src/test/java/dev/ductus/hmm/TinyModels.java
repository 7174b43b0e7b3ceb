package dev.ductus.hmm;

import dev.ductus.api.model.Alphabet;
import dev.ductus.hmm.topology.CharacterHmms;
import java.util.List;
import java.util.Random;

/** Small HMM sets and random emission matrices for reference tests. */
public final class TinyModels {
    private TinyModels() {
    }

    /** Alphabet " ", "a", "b" with 1, 2 and 3 states; skips on when skipProb > 0. */
    public static CharacterHmms spaceAB(double skipProb) {
        Alphabet alphabet = new Alphabet(List.of(" ", "a", "b"));
        CharacterHmms h = CharacterHmms.create(alphabet, new int[] {1, 2, 3}, 0.6, skipProb);
        // distinct transition probabilities per state, so that a wrong parameter index shows up
        double[] self = h.logSelfArray();
        double[] next = h.logNextArray();
        double[] skip = h.logSkipArray();
        Random r = new Random(7);
        for (int g = 0; g < h.totalStates(); g++) {
            double ps = 0.2 + 0.6 * r.nextDouble();
            double pk = h.canSkip(g) ? 0.1 * (1 - ps) : 0;
            self[g] = Math.log(ps);
            skip[g] = h.canSkip(g) ? Math.log(pk) : Double.NEGATIVE_INFINITY;
            next[g] = Math.log(1 - ps - pk);
        }
        return h.withTransitions(self, next, skip);
    }

    public static double[] randomEmissions(int frames, int states, long seed) {
        Random r = new Random(seed);
        double[] e = new double[frames * states];
        for (int i = 0; i < e.length; i++) e[i] = -3 * r.nextDouble() - 0.1;
        return e;
    }
}
