package dev.ductus.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.lm.LmState;
import dev.ductus.lm.arpa.ArpaReader;
import dev.ductus.lm.arpa.ArpaWriter;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.model.BinaryModelFile;
import dev.ductus.lm.model.ModelFiles;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArpaFilesTest {
    @TempDir
    Path dir;

    private static byte[] arpa(NgramModel m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArpaWriter.write(m, out);
        return out.toByteArray();
    }

    private static NgramModel read(String text) throws IOException {
        return ArpaReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.arpa");
    }

    @Test
    void writeReadWriteIsByteStable() throws IOException {
        for (TokenUnit unit : TokenUnit.values()) {
            for (int order : new int[] {1, 3, 5}) {
                NgramModel m = TestModels.train(TestModels.sample(), order, unit, new int[] {0, 0, 2}, 0);
                byte[] first = arpa(m);
                byte[] second = arpa(ArpaReader.read(new ByteArrayInputStream(first), "first"));
                assertArrayEquals(first, second, unit + " order " + order);
            }
        }
    }

    @Test
    void binaryAndGzipRoundTripsScoreTheSame() throws IOException {
        NgramModel m = TestModels.train(TestModels.sample(), 4, TokenUnit.WORD);
        Path bin = dir.resolve("m.bin");
        Path gz = dir.resolve("m.arpa.gz");
        ModelFiles.save(m, bin);
        ModelFiles.save(m, gz);
        assertTrue(BinaryModelFile.isBinary(bin));
        NgramModel fromBin = ModelFiles.load(bin);
        NgramModel fromGz = ModelFiles.load(gz);
        assertArrayEquals(arpa(m), arpa(fromBin));
        assertArrayEquals(arpa(m), arpa(fromGz));
    }

    @Test
    void truncatedBinaryIsBadInput() throws IOException {
        NgramModel m = TestModels.train(TestModels.sample(), 3, TokenUnit.WORD);
        Path bin = dir.resolve("m.bin");
        ModelFiles.save(m, bin);
        byte[] all = Files.readAllBytes(bin);
        Files.write(bin, java.util.Arrays.copyOf(all, all.length / 2));
        InputException e = assertThrows(InputException.class, () -> ModelFiles.load(bin));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /** An SRILM-style file: leading text, tabs and spaces, missing backoffs, -99, and an IRSTLM-style header. */
    @Test
    void readsFilesOfOtherToolsAndScoresByBackoff() throws IOException {
        String text = String.join("\n",
                "written by hand, as ngram-count would put a comment here",
                "",
                "\\data\\",
                "ngram  1=      5",
                "ngram 2=4",
                "ngram 3=1",
                "",
                "\\1-grams:",
                "-1.0 <unk>",
                "-99\t<s>\t-0.5",
                "-0.6 </s>",
                "-0.4\ta\t-0.3",
                "-0.7 b -0.2",
                "",
                "\\2-grams:",
                "-0.3 <s> a -0.1",
                "-0.5 a b",
                "-0.2 b </s>",
                "-0.9 a a",
                "",
                "\\3-grams:",
                "-0.05 <s> a b",
                "",
                "\\end\\",
                "");
        NgramModel m = read(text);
        NgramLanguageModel lm = new NgramLanguageModel(m, TokenUnit.WORD);
        LmState s = lm.start();
        // p(a | <s>) = 10^-0.3
        var a = lm.score(s, "a");
        assertEquals(-0.3 * Math.log(10), a.logProb(), 1e-6);
        // p(b | <s> a) = 10^-0.05 from the trigram
        var b = lm.score(a.next(), "b");
        assertEquals(-0.05 * Math.log(10), b.logProb(), 1e-6);
        // p(</s> | a b): no trigram "a b </s>", "a b" has no backoff (0) -> p(</s> | b) = 10^-0.2
        assertEquals(-0.2 * Math.log(10), lm.end(b.next()), 1e-6);
        // After "<s> b" (no bigram: bow(<s>) was charged to b) the history is just b; the unseen word "zz" is
        // <unk>: p(<unk> | b) = bow(b) p(<unk>) = 10^(-0.2 - 1.0)
        var afterB = lm.score(s, "b");
        assertEquals((-0.5 - 0.7) * Math.log(10), afterB.logProb(), 1e-6);
        var unk = lm.score(afterB.next(), "zz");
        assertEquals((-0.2 - 1.0) * Math.log(10), unk.logProb(), 1e-6);
        assertEquals(4, m.count(2));
        assertEquals(1, m.count(3));
    }

    /** A trigram whose suffix bigram is missing (as pruning tools can write) still scores by the file's rules. */
    @Test
    void missingSuffixesAreDerivedWithoutChangingScores() throws IOException {
        String text = String.join("\n",
                "\\data\\", "ngram 1=4", "ngram 2=2", "ngram 3=1", "",
                "\\1-grams:", "-99 <s> -0.1", "-0.5 </s>", "-0.4 a -0.25", "-0.6 b -0.15", "",
                "\\2-grams:", "-0.2 <s> a -0.3", "-0.3 a </s>", "",
                "\\3-grams:", "-0.1 <s> a b", "",
                "\\end\\");
        NgramModel m = read(text);
        NgramLanguageModel lm = new NgramLanguageModel(m, TokenUnit.WORD);
        var a = lm.score(lm.start(), "a");
        assertEquals(-0.1 * Math.log(10), lm.score(a.next(), "b").logProb(), 1e-6);
        // "a b" is absent from the file: p(b | a) = bow(a) + p(b) = -0.25 - 0.6
        var ab = lm.score(lm.score(m.empty(lm), "a").next(), "b");
        assertEquals((-0.25 - 0.6) * Math.log(10), ab.logProb(), 1e-6);
        assertEquals(3, m.count(2), "the derived bigram 'a b' is added");
    }

    @Test
    void malformedFilesNameTheLine() {
        String good = String.join("\n",
                "\\data\\", "ngram 1=3", "ngram 2=1", "",
                "\\1-grams:", "-1 <s> -0.5", "-0.5 </s>", "-0.3 a -0.2", "",
                "\\2-grams:", "-0.1 <s> a", "",
                "\\end\\", "");
        assertBad(good.replace("ngram 2=1", "ngram 2=2"), 12, "declares 2");
        assertBad(good.replace("ngram 1=3", "ngram 1=2"), 8, "more 1-grams than the 2 declared");
        assertBad(good.replace("-0.5 </s>", "-0.5x </s>"), 7, "bad log-probability '-0.5x'");
        assertBad(good.replace("-0.3 a -0.2", "-0.3 a NaN"), 8, "bad backoff weight 'NaN'");
        assertBad(good.replace("-0.1 <s> a", "-0.1 <s> q"), 11, "word 'q' is not among the unigrams");
        assertBad(good.replace("ngram 2=1", "ngram two=1"), 3, "bad count line");
        assertBad(good.replace("\\end\\\n", ""), 12, "no \\end\\");
        assertBad(good.substring(0, good.indexOf("\\2-grams:")), 9, "expected \\2-grams:");
        assertBad(good.substring(0, good.indexOf("-0.3 a")), 7, "has 2 entries, \\data\\ declares 3");
        assertBad(good.replace("-0.1 <s> a", "-0.1 <s> a -0.3"), 11, "highest order");
        assertBad(good.replace("-0.3 a -0.2", "-0.3 </s> -0.2"), 8, "duplicate unigram");
        assertBad("", 1, "no \\data\\");
    }

    /** Defect: an IRSTLM file (P = 1 written as log10 4.7507e-07) was refused; KenLM reads such values as 0. */
    @Test
    void aPositiveLogProbabilityFromIrstlmIsReadAsZero() throws IOException {
        String irstlm = String.join("\n",
                "\\data\\", "ngram 1=3", "ngram 2=1", "",
                "\\1-grams:", "-1 <s> -0.5", "-0.5 </s>", "-0.3 a -0.2", "",
                "\\2-grams:", "4.7507e-07 <s> a", "",
                "\\end\\", "");
        NgramLanguageModel lm = new NgramLanguageModel(read(irstlm), TokenUnit.WORD);
        assertEquals(0.0, lm.score(lm.start(), "a").logProb(), 1e-12, "p(a | <s>) = 1");
    }

    /** A header declaring a huge count in a small file is an error at its line, not an OutOfMemoryError. */
    @Test
    void aDeclaredCountLargerThanTheFileIsBadInputNotAnAllocation() {
        String lying = String.join("\n",
                "\\data\\", "ngram 1=2000000000", "",
                "\\1-grams:", "-1 <s>", "-0.5 </s>", "",
                "\\end\\", "");
        assertBad(lying, 7, "has 2 entries, \\data\\ declares 2000000000");
    }

    @Test
    void duplicateNgramsNameTheirLine() {
        String dup = String.join("\n",
                "\\data\\", "ngram 1=3", "ngram 2=2", "",
                "\\1-grams:", "-1 <s> -0.5", "-0.5 </s>", "-0.3 a -0.2", "",
                "\\2-grams:", "-0.1 <s> a", "-0.2 <s> a", "",
                "\\end\\", "");
        assertBad(dup, 12, "duplicate 2-gram");
    }

    private static void assertBad(String text, int line, String problem) {
        InputException e = assertThrows(InputException.class, () -> read(text), problem);
        assertTrue(e.getMessage().startsWith("test.arpa:" + line + ": "), e.getMessage() + " (wanted line " + line + ")");
        assertTrue(e.getMessage().contains(problem), e.getMessage() + " (wanted '" + problem + "')");
    }

    @Test
    void listsOfWordsSurviveAsVocabulary() {
        NgramModel m = TestModels.train(List.of("x y", "y z"), 2, TokenUnit.WORD);
        assertEquals(List.of("x", "y", "z"), NgramLanguageModel.words(m).stream().sorted().toList());
    }
}
