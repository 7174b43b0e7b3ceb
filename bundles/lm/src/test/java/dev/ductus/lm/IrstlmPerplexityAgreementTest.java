package dev.ductus.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.lm.arpa.ArpaWriter;
import dev.ductus.lm.cli.TextLines;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.model.ModelFiles;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.lm.ppl.Perplexity;
import dev.ductus.lm.ppl.PerplexityEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Perplexity agrees with IRSTLM's {@code compile-lm --eval} on the same ARPA file and text, to at least four
 * significant digits (IRSTLM prints two decimals of perplexities above 10): on an ARPA file IRSTLM built, and on
 * one Ductus built; with and without out-of-vocabulary words. Skipped where IRSTLM is absent.
 */
class IrstlmPerplexityAgreementTest {
    @TempDir
    Path dir;

    @Test
    void perplexityAgreesWithIrstlm() throws Exception {
        Irstlm irstlm = Irstlm.find();
        Assumptions.assumeTrue(irstlm != null, Irstlm.MISSING);
        List<String> sample = TestModels.sample();
        Path train = dir.resolve("train.txt");
        Files.write(train, sample.subList(0, 12));
        Path withOov = dir.resolve("test.txt");
        Files.write(withOov, sample.subList(12, 16));
        Path noOov = dir.resolve("seen.txt");
        // Training sentences with their words reversed: every word known, most n-grams new.
        List<String> reversed = new java.util.ArrayList<>();
        for (String line : sample.subList(0, 4)) {
            List<String> words = new java.util.ArrayList<>(TokenUnit.WORD.tokens(line));
            java.util.Collections.reverse(words);
            reversed.add(String.join(" ", words));
        }
        Files.write(noOov, reversed);

        Path irstArpa = irstlm.buildArpa(dir, train, 3);
        Path ourArpa = dir.resolve("ductus.arpa");
        ArpaWriter.write(TestModels.train(sample.subList(0, 12), 3, TokenUnit.WORD), ourArpa);

        for (Path arpa : List.of(irstArpa, ourArpa)) {
            NgramModel m = ModelFiles.load(arpa);
            for (Path text : List.of(withOov, noOov)) {
                Perplexity ours = PerplexityEvaluator.evaluate(new NgramLanguageModel(m, TokenUnit.WORD), TokenUnit.WORD,
                        new TextLines(text), true);
                Irstlm.Evaluation theirs = irstlm.evaluate(dir, arpa, m.vocabularySize(), text);
                String what = arpa.getFileName() + " on " + text.getFileName() + ": IRSTLM " + theirs + ", ductus " + ours;
                assertEquals(theirs.tokens(), ours.words() + ours.sentences(), what);
                assertTrue(theirs.perplexity() >= 10, what);
                // IRSTLM prints two decimals: agreement to that rounding is at least four significant digits here.
                assertEquals(theirs.perplexity(), ours.ppl(), 0.0051, what);
                assertEquals(theirs.log10Prob(), ours.log10Prob(), 0.0051, what);
            }
        }
    }
}
