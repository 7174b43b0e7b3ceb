package dev.ductus.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ductus.api.lm.LmState;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.lm.model.NgramState;
import java.util.List;
import org.junit.jupiter.api.Test;

class NgramStateTest {
    private final NgramModel model = TestModels.train(List.of("a b c d", "x b c e", "a b d", "c c"), 3, TokenUnit.WORD);
    private final NgramLanguageModel lm = new NgramLanguageModel(model, TokenUnit.WORD);

    private LmState after(String... words) {
        LmState s = lm.start();
        for (String w : words) s = lm.score(s, w).next();
        return s;
    }

    @Test
    void statesKeepOnlyTheLastOrderMinusOneWords() {
        // "a b c" and "x b c" end in the same two words: a trigram model cannot tell them apart.
        assertEquals(after("a", "b", "c"), after("x", "b", "c"));
        assertEquals(after("a", "b", "c").hashCode(), after("x", "b", "c").hashCode());
        assertNotEquals(after("a", "b"), after("x", "c"));
        assertEquals(2, ((NgramState) after("a", "b", "c")).length());
    }

    @Test
    void historiesThatNoNgramExtendsAreCutAsKenLmDoes() {
        // With trigrams seen once dropped, the bigram "c d" is never a history of a kept trigram, so after
        // "... c d" only "d" is kept (and "b d" likewise): both recombine.
        NgramModel pruned = TestModels.train(List.of("a b c d", "x b c e", "a b d", "c c"), 3, TokenUnit.WORD,
                new int[] {0, 0, 0, 2}, 0);
        NgramLanguageModel plm = new NgramLanguageModel(pruned, TokenUnit.WORD);
        LmState s = plm.start();
        for (String w : List.of("a", "b", "c", "d")) s = plm.score(s, w).next();
        NgramState cd = (NgramState) s;
        assertEquals(1, cd.length());
        assertEquals(pruned.id("d"), cd.word(0));
        LmState t = plm.start();
        for (String w : List.of("x", "b", "d")) t = plm.score(t, w).next();
        assertEquals(cd, t);
        // "<s> a b" was seen twice and stays, so the history "<s> a" is kept whole; "a b" extends nothing.
        LmState sa = plm.score(plm.start(), "a").next();
        assertEquals(2, ((NgramState) sa).length());
        assertEquals(1, ((NgramState) plm.score(sa, "b").next()).length());
        // An unknown word: the history falls back to <unk> or less, the same for any unknown word.
        assertEquals(after("a", "qqq"), after("a", "zzz"));
    }

    @Test
    void recombinedStatesScoreAlike() {
        LmState s1 = after("a", "b", "c");
        LmState s2 = after("x", "b", "c");
        for (String w : List.of("a", "b", "c", "d", "e", "x", "nope")) {
            assertEquals(lm.score(s1, w).logProb(), lm.score(s2, w).logProb(), 0, w);
        }
        assertEquals(lm.end(s1), lm.end(s2), 0);
    }

    @Test
    void aStateOfAnotherModelIsRejected() {
        NgramLanguageModel other = new NgramLanguageModel(model, TokenUnit.WORD);
        assertThrows(IllegalArgumentException.class, () -> other.score(lm.start(), "a"));
        assertNotEquals(lm.start(), other.start(), "states of different models never recombine");
    }
}
