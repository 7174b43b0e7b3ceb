package dev.ductus.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ductus.lm.arpa.ArpaReader;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.lm.ppl.Perplexity;
import dev.ductus.lm.ppl.PerplexityEvaluator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SRILM's ppl arithmetic on a unigram model small enough to score by hand. */
class PerplexityTest {
    private static final String ARPA = String.join("\n",
            "\\data\\", "ngram 1=4", "",
            "\\1-grams:", "-0.5 </s>", "-99 <s>", "-0.3 a", "-1 <unk>", "", "\\end\\", "");

    private static NgramLanguageModel lm() throws Exception {
        NgramModel m = ArpaReader.read(new ByteArrayInputStream(ARPA.getBytes(StandardCharsets.UTF_8)), "u.arpa");
        return new NgramLanguageModel(m, TokenUnit.WORD);
    }

    @Test
    void oovsAreLeftOutUnlessScoredAsUnk() throws Exception {
        // "a a x": a, a, </s> scored, x is an OOV: logprob = -0.3 - 0.3 - 0.5 = -1.1 over 2 words + 1 sentence
        Perplexity p = PerplexityEvaluator.evaluate(lm(), TokenUnit.WORD, List.of("a a x", ""), false);
        assertEquals(1, p.sentences(), "the blank line is skipped");
        assertEquals(3, p.words());
        assertEquals(1, p.oovs());
        assertEquals(-1.1, p.log10Prob(), 1e-6);
        assertEquals(Math.pow(10, 1.1 / 3), p.ppl(), 1e-6);
        assertEquals(Math.pow(10, 1.1 / 2), p.ppl1(), 1e-6);
        assertEquals("file t.txt: 1 sentences, 3 words, 1 OOVs\n0 zeroprobs, logprob= -1.1 ppl= 2.32631 ppl1= 3.54813",
                p.report("t.txt"));
        // With -unk, x costs p(<unk>) = 10^-1 and counts: -2.1 over 3 words + 1 sentence.
        Perplexity u = PerplexityEvaluator.evaluate(lm(), TokenUnit.WORD, List.of("a a x"), true);
        assertEquals(0, u.oovs());
        assertEquals(-2.1, u.log10Prob(), 1e-6);
        assertEquals(Math.pow(10, 2.1 / 4), u.ppl(), 1e-6);
    }

    @Test
    void impossibleTokensAreZeroprobs() throws Exception {
        Perplexity p = PerplexityEvaluator.evaluate(lm(), TokenUnit.WORD, List.of("a <s>"), false);
        assertEquals(1, p.zeroprobs());
        assertEquals(-0.8, p.log10Prob(), 1e-6);
    }
}
