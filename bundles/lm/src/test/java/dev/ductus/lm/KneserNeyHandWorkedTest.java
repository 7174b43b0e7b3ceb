package dev.ductus.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ductus.lm.count.NgramCounts;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.count.Vocabulary;
import dev.ductus.lm.kn.Discounts;
import dev.ductus.lm.kn.KneserNeyEstimator;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.lm.model.NgramModelBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bigram model worked out by hand. Corpus (one sentence per line):
 * <pre>
 *   a c | c c | a | b b c | b | a | c c
 * </pre>
 * Bigram counts (highest order: raw): &lt;s&gt; a 3, &lt;s&gt; b 2, &lt;s&gt; c 2, a c 1, a &lt;/s&gt; 2, b b 1, b c 1,
 * b &lt;/s&gt; 1, c c 2, c &lt;/s&gt; 4. Unigram continuation counts (distinct left neighbours): a {&lt;s&gt;} = 1,
 * b {&lt;s&gt;, b} = 2, c {&lt;s&gt;, a, b, c} = 4, &lt;/s&gt; {a, b, c} = 3.
 * <pre>
 * unigram count-of-counts n1..n4 = 1,1,1,1: Y = 1/(1+2) = 1/3
 *   D1 = 1 - 2Y n2/n1 = 1/3, D2 = 2 - 3Y n3/n2 = 1, D3+ = 3 - 4Y n4/n3 = 5/3
 * bigram count-of-counts n1..n4 = 4,4,1,1: Y = 4/(4+8) = 1/3
 *   D1 = 1 - 2/3 * 4/4 = 1/3, D2 = 2 - 1 * 1/4 = 7/4, D3+ = 3 - 4/3 * 1/1 = 5/3
 * unigrams: total 1+2+4+3 = 10, gamma = (D1 + D2 + D3+ (c) + D3+ (&lt;/s&gt;)) / 10 = (1/3 + 1 + 5/3 + 5/3)/10 = 7/15,
 *   spread over |V| = 5 (&lt;unk&gt; a b c &lt;/s&gt;): 7/75 each
 *   p(a) = (1 - 1/3)/10 + 7/75 = 4/25;  p(c) = (4 - 5/3)/10 + 7/75 = 49/150;  p(b) = (2-1)/10 + 7/75 = 29/150;
 *   p(&lt;unk&gt;) = 7/75;  p(&lt;/s&gt;) = (3 - 5/3)/10 + 7/75 = 17/75
 * history a: a c 1, a &lt;/s&gt; 2, total 3; gamma(a) = (D1 + D2)/3 = (1/3 + 7/4)/3 = 25/36 (= bow(a))
 *   p(c | a) = (1 - 1/3)/3 + 25/36 * 49/150 = 2/9 + 49/216 = 97/216
 *   p(b | a) = 25/36 * 29/150 = 29/216 (unseen: backs off)
 * history c: c c 2, c &lt;/s&gt; 4, total 6; gamma(c) = (D2 + D3+)/6 = (7/4 + 5/3)/6 = 41/72
 *   p(&lt;/s&gt; | c) = (4 - 5/3)/6 + 41/72 * 17/75 = 7/18 + 697/5400 = 2797/5400
 * </pre>
 */
class KneserNeyHandWorkedTest {
    private static final List<String> CORPUS = List.of("a c", "c c", "a", "b b c", "b", "a", "c c");

    private static KneserNeyEstimator.Result estimate(Vocabulary v) {
        NgramCounts counts = new NgramCounts(2);
        for (String line : CORPUS) {
            List<String> t = TokenUnit.WORD.tokens(line);
            counts.addSentence(t.stream().mapToInt(v::add).toArray());
        }
        return KneserNeyEstimator.estimate(counts, v.size(), null);
    }

    @Test
    void discountsMatchTheHandWorkedCountOfCounts() {
        KneserNeyEstimator.Result r = estimate(new Vocabulary());
        Discounts uni = r.discounts()[1];
        assertEquals(List.of(1L, 1L, 1L, 1L), List.of(uni.n1(), uni.n2(), uni.n3(), uni.n4()));
        assertFalse(uni.fallback());
        assertEquals(1.0 / 3, uni.d1(), 1e-12);
        assertEquals(1.0, uni.d2(), 1e-12);
        assertEquals(5.0 / 3, uni.d3plus(), 1e-12);
        Discounts bi = r.discounts()[2];
        assertEquals(List.of(4L, 4L, 1L, 1L), List.of(bi.n1(), bi.n2(), bi.n3(), bi.n4()));
        assertEquals(1.0 / 3, bi.d1(), 1e-12);
        assertEquals(7.0 / 4, bi.d2(), 1e-12);
        assertEquals(5.0 / 3, bi.d3plus(), 1e-12);
    }

    @Test
    void probabilitiesAndBackoffsMatchTheHandWorkedValues() {
        Vocabulary v = new Vocabulary();
        KneserNeyEstimator.Result r = estimate(v);
        NgramModel m = NgramModelBuilder.build(v.toArray(), r.lists());
        assertEquals(10, m.count(2));
        assertLog10(4.0 / 25, m.prob(1, m.id("a")));
        assertLog10(49.0 / 150, m.prob(1, m.id("c")));
        assertLog10(29.0 / 150, m.prob(1, m.id("b")));
        assertLog10(7.0 / 75, m.prob(1, m.id("<unk>")));
        assertLog10(17.0 / 75, m.prob(1, m.id("</s>")));
        assertEquals(-99f, m.prob(1, m.id("<s>")));
        assertLog10(25.0 / 36, m.backoff(1, m.id("a")));
        assertLog10(41.0 / 72, m.backoff(1, m.id("c")));
        assertLog10(97.0 / 216, m.prob(2, m.find(new int[] {m.id("a"), m.id("c")})));
        assertLog10(2797.0 / 5400, m.prob(2, m.find(new int[] {m.id("c"), m.id("</s>")})));
        assertEquals(-1, m.find(new int[] {m.id("a"), m.id("b")}));

        // Through the decoder interface: an unseen bigram backs off, and the result is a natural log.
        var lm = new dev.ductus.lm.model.NgramLanguageModel(m, TokenUnit.WORD);
        var afterA = lm.score(lm.start(), "a").next();
        assertEquals(Math.log(29.0 / 216), lm.score(afterA, "b").logProb(), 1e-6);
        assertEquals(Math.log(97.0 / 216), lm.score(afterA, "c").logProb(), 1e-6);
    }

    private static void assertLog10(double expected, float actualLog10) {
        assertEquals(Math.log10(expected), actualLog10, 1e-6);
    }
}
