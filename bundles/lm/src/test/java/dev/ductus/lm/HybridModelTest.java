package dev.ductus.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.api.lm.UnknownWords;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.hybrid.HybridModel;
import dev.ductus.lm.kn.NgramTrainer;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A closed world over the letters a and b. The word vocabulary is {a, ab}; b, ba, bab, ... are spelled by the
 * character model behind &lt;unk&gt;. What can be proven (see {@link HybridModel}): for any history, the in-vocabulary
 * words, &lt;/s&gt; and all finite out-of-vocabulary strings sum to one. Here every string up to 9 letters over
 * {a, b, z} (z is outside the character vocabulary, so it stands for the character &lt;unk&gt;) is enumerated: the
 * partial sums rise towards one, never pass it, and what is missing is the tail of longer strings.
 */
class HybridModelTest {
    private static final List<String> LINES = List.of("a ab b", "ab a", "ba ab a", "a a ab", "b ab", "ab ba a a", "bab a");

    private static HybridModel model() {
        NgramModel words = NgramTrainer.train(LINES, new NgramTrainer.Options(2, TokenUnit.WORD, null, 0, List.of("a", "ab")),
                m -> { }).model();
        NgramModel chars = TestModels.train(LINES, 3, TokenUnit.CHARACTER);
        return new HybridModel(words, chars);
    }

    @Test
    void inVocabularyWordsUseTheWordModelAndOthersAreSpelled() {
        HybridModel h = model();
        NgramModel words = NgramTrainer.train(LINES, new NgramTrainer.Options(2, TokenUnit.WORD, null, 0, List.of("a", "ab")),
                m -> { }).model();
        NgramLanguageModel w = new NgramLanguageModel(words, TokenUnit.WORD);
        assertEquals(LmUnit.HYBRID, h.unit());
        assertTrue(h.contains("ab"));
        assertFalse(h.contains("ba"));
        assertEquals(w.score(w.start(), "ab").logProb(), h.score(h.start(), "ab").logProb(), 1e-12);
        double unk = w.score(w.start(), "<unk>").logProb();
        assertEquals(unk + h.spell("ba") - h.logNormalizer(), h.score(h.start(), "ba").logProb(), 1e-12);
        assertTrue(h.logNormalizer() < 0);
        // All unknown words leave the same state behind (the word model's state after <unk>).
        assertEquals(h.score(h.start(), "ba").next(), h.score(h.start(), "bbb").next());
        assertEquals(2, h.lexicon().size());
    }

    /** The character-by-character spelling (what the HMM decoder grows) gives the model's own word scores. */
    @Test
    void unknownWordsSpelledOneCharacterAtATimeScoreAsTheModelDoes() {
        HybridModel h = model();
        UnknownWords u = h.unknownWords();
        for (List<String> history : List.of(List.<String>of(), List.of("a"), List.of("ab", "bab"))) {
            LmState s = h.start();
            for (String w : history) s = h.score(s, w).next();
            for (String word : List.of("", "b", "ba", "bab", "bbz", "abba")) {
                LmState spelling = u.spellingStart();
                double lp = 0;
                for (char c : word.toCharArray()) {
                    LmScore step = u.spell(spelling, String.valueOf(c));
                    lp += step.logProb();
                    spelling = step.next();
                }
                LmScore unknown = u.unknown(s);
                LmScore whole = h.score(s, word);
                assertEquals(whole.logProb(), unknown.logProb() + (lp + u.wordEnd(spelling)), 1e-12, history + " " + word);
                assertEquals(whole.next(), unknown.next());
            }
        }
    }

    @Test
    void everyHistorySumsToOneOverAllStrings() {
        HybridModel h = model();
        for (List<String> history : List.of(List.<String>of(), List.of("a"), List.of("ab"), List.of("bab"))) {
            LmState s = h.start();
            for (String w : history) s = h.score(s, w).next();
            double inVocabulary = Math.exp(h.end(s)) + Math.exp(h.score(s, "a").logProb()) + Math.exp(h.score(s, "ab").logProb());
            double previous = inVocabulary;
            double[] byLength = new double[10];
            byLength[0] = inVocabulary;
            for (int len = 1; len <= 9; len++) {
                double sum = byLength[len - 1] + outOfVocabulary(h, s, new StringBuilder(), len);
                byLength[len] = sum;
                assertTrue(sum >= previous - 1e-15, "partial sums rise");
                assertTrue(sum <= 1 + 1e-9, "never above one: " + sum);
                previous = sum;
            }
            assertEquals(1.0, byLength[9], 0.01, "history " + history + ": " + java.util.Arrays.toString(byLength));
            // The tail shrinks geometrically: the missing mass falls by at least half every two letters.
            assertTrue(1 - byLength[9] < 0.5 * (1 - byLength[7]), java.util.Arrays.toString(byLength));
        }
    }

    /** Sum of P(w | s) over out-of-vocabulary strings w of exactly {@code len} letters from {a, b, z}. */
    private static double outOfVocabulary(HybridModel h, LmState s, StringBuilder prefix, int len) {
        if (prefix.length() == len) {
            String w = prefix.toString();
            if (h.contains(w)) return 0;
            LmScore sc = h.score(s, w);
            return Math.exp(sc.logProb());
        }
        double sum = 0;
        for (char c : new char[] {'a', 'b', 'z'}) {
            prefix.append(c);
            sum += outOfVocabulary(h, s, prefix, len);
            prefix.setLength(prefix.length() - 1);
        }
        return sum;
    }
}
