package dev.ductus.attention.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.Lexicon;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.api.model.Alphabet;
import dev.ductus.attention.nn.AttentionDecoder;
import dev.ductus.attention.nn.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class AttentionBeamSearchTest {
    private static final Alphabet ALPHABET = new Alphabet(List.of("a", "b"));

    /** A random decoder over 3 classes (end, a, b) and a random line of 5 frames. */
    private static Weights.Reader reader(long seed) {
        AttentionDecoder dec = new AttentionDecoder(DataType.DOUBLE, new AttentionDecoder.Dims(4, 3, 5, 4, 2, 3, 3));
        dec.initialize(new SplittableRandom(seed));
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        // sharper than the initialisation, so sequences differ clearly in probability
        for (var p : dec.params()) for (int i = 0; i < p.size(); i++) p.value().set(i, p.value().get(i) * 3 + rnd.nextDouble(-0.5, 0.5));
        double[] enc = new double[5 * 4];
        for (int i = 0; i < enc.length; i++) enc[i] = rnd.nextDouble(-1, 1);
        return dec.weights().read(enc, 5);
    }

    /** log p(y + end) of a class sequence, step by step. */
    private static double logProb(Weights.Reader r, int[] y) {
        Weights.State st = r.start();
        int token = 0;
        double lp = 0;
        for (int i = 0; i <= y.length; i++) {
            Weights.Step s = r.step(st, token);
            int c = i < y.length ? y[i] : 0;
            lp += s.logProbs()[c];
            st = s.state();
            token = c;
        }
        return lp;
    }

    /** Every class sequence up to length 4, the most probable (with its end symbol). */
    private static int[] bruteForce(Weights.Reader r, LanguageModel lm, double weight) {
        int[] best = new int[0];
        double bestScore = logProb(r, best) + (lm == null ? 0 : weight * lmScore(lm, best));
        List<int[]> frontier = new ArrayList<>(List.of(new int[0]));
        for (int len = 1; len <= 4; len++) {
            List<int[]> next = new ArrayList<>();
            for (int[] p : frontier) {
                for (int c = 1; c <= 2; c++) {
                    int[] y = java.util.Arrays.copyOf(p, len);
                    y[len - 1] = c;
                    next.add(y);
                    double s = logProb(r, y) + (lm == null ? 0 : weight * lmScore(lm, y));
                    if (s > bestScore) {
                        bestScore = s;
                        best = y;
                    }
                }
            }
            frontier = next;
        }
        return best;
    }

    private static double lmScore(LanguageModel lm, int[] y) {
        LmState st = lm.start();
        double s = 0;
        for (int c : y) {
            LmScore x = lm.score(st, ALPHABET.symbol(c - 1));
            s += x.logProb();
            st = x.next();
        }
        return s + lm.end(st);
    }

    private static int[] classes(AttentionBeamSearch.Result r) {
        return r.symbols().stream().mapToInt(AttentionBeamSearch.Symbol::cls).toArray();
    }

    /** A character bigram that likes "b" after "a" and dislikes ending on "a". */
    static final class Bigram implements LanguageModel {
        record S(String last) implements LmState {
        }

        @Override
        public LmUnit unit() {
            return LmUnit.CHARACTER;
        }

        @Override
        public int order() {
            return 2;
        }

        @Override
        public LmState start() {
            return new S("<s>");
        }

        @Override
        public LmScore score(LmState state, String token) {
            String last = ((S) state).last();
            double p = last.equals("a") ? (token.equals("b") ? 0.9 : 0.05) : 0.4;
            return new LmScore(Math.log(p), new S(token));
        }

        @Override
        public double end(LmState state) {
            return Math.log(((S) state).last().equals("a") ? 0.05 : 0.2);
        }

        @Override
        public boolean contains(String token) {
            return true;
        }

        @Override
        public Lexicon lexicon() {
            return null;
        }
    }

    @Test
    void aWideBeamFindsTheMostProbableSequenceThatBruteForceFinds() {
        for (long seed = 1; seed <= 12; seed++) {
            Weights.Reader r = reader(seed);
            int[] truth = bruteForce(r, null, 0);
            AttentionBeamSearch.Result found = new AttentionBeamSearch(new AttentionBeamSearch.Settings(16, 0, 0, 0, 0, 0.8)).decode(r, ALPHABET, null);
            assertEquals(java.util.Arrays.toString(truth), java.util.Arrays.toString(classes(found)), "seed " + seed);
            assertEquals(logProb(r, truth), found.attentionLogProb(), 1e-9);
        }
    }

    @Test
    void shallowFusionFindsTheBestSequenceOfTheCombinedScore() {
        LanguageModel lm = new Bigram();
        for (long seed = 1; seed <= 12; seed++) {
            Weights.Reader r = reader(seed);
            int[] truth = bruteForce(r, lm, 1.5);
            AttentionBeamSearch.Result found = new AttentionBeamSearch(new AttentionBeamSearch.Settings(16, 1.5, 0, 0, 0, 0.8)).decode(r, ALPHABET, lm);
            assertEquals(java.util.Arrays.toString(truth), java.util.Arrays.toString(classes(found)), "seed " + seed);
            assertEquals(lmScore(lm, truth), found.lmLogProb(), 1e-9);
        }
    }

    @Test
    void greedyIsBeamOneAndNeverBeatsAWiderBeam() {
        for (long seed = 1; seed <= 12; seed++) {
            Weights.Reader r = reader(seed);
            AttentionBeamSearch.Result g = new AttentionBeamSearch(AttentionBeamSearch.Settings.greedy()).decode(r, ALPHABET, null);
            // greedy: the best class at every step
            Weights.State st = r.start();
            int token = 0;
            List<Integer> manual = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Weights.Step s = r.step(st, token);
                int best = 0;
                for (int c = 1; c < 3; c++) if (s.logProbs()[c] > s.logProbs()[best]) best = c;
                if (best == 0) break;
                manual.add(best);
                st = s.state();
                token = best;
            }
            assertEquals(manual.toString(), java.util.Arrays.toString(classes(g)).replace(" ", "").replace(",", ", "));
            AttentionBeamSearch.Result wide = new AttentionBeamSearch(new AttentionBeamSearch.Settings(8, 0, 0, 0, 0, 2)).decode(r, ALPHABET, null);
            assertTrue(wide.attentionLogProb() >= g.attentionLogProb() - 1e-12, "seed " + seed);
        }
    }
}
