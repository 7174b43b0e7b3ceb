package dev.ductus.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.hybrid.HybridModel;
import dev.ductus.lm.model.NgramModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many threads scoring the same sentences through one shared model (and shared states) get identical sums. */
class ThreadSafetyTest {
    @Test
    void parallelScoringGivesIdenticalResults() throws Exception {
        List<String> lines = TestModels.sample();
        NgramModel words = TestModels.train(lines, 3, TokenUnit.WORD, null, 80);
        NgramModel chars = TestModels.train(lines, 5, TokenUnit.CHARACTER);
        LanguageModel lm = new HybridModel(words, chars);
        LmState shared = lm.score(lm.start(), "The").next();
        double[] expected = scoreAll(lm, shared, lines);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) results.add(pool.submit(() -> scoreAll(lm, shared, lines)));
            for (Future<double[]> f : results) assertArrayEquals(expected, f.get(), 0.0);
        } finally {
            pool.shutdown();
        }
    }

    private static double[] scoreAll(LanguageModel lm, LmState from, List<String> lines) {
        double[] out = new double[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            LmState s = from;
            double sum = 0;
            for (String w : TokenUnit.WORD.tokens(lines.get(i))) {
                LmScore sc = lm.score(s, w);
                sum += sc.logProb();
                s = sc.next();
            }
            out[i] = sum + lm.end(s);
        }
        return out;
    }
}
