package dev.ductus.lm;

import dev.ductus.lm.arpa.ArpaWriter;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.model.BinaryModelFile;
import dev.ductus.lm.model.ModelFiles;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.testfuzz.Mutations;
import dev.ductus.testfuzz.ReaderFuzz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the language-model readers through {@link ModelFiles#load} (ARPA, gzipped ARPA, the binary format) with
 * mutations of tiny valid files: bytes flipped, overwritten, inserted, deleted, duplicated, truncated, 4-byte
 * fields set to huge values and, for ARPA, its keywords and odd numbers inserted anywhere. Every input loads or
 * is refused with an InputException naming the file, within 5 s and 256 MB ({@link ReaderFuzz}). 10,000 inputs
 * per test in CI, with fixed seeds; a longer run:
 * <pre>
 * mvn -B -ntp -o install -pl bundles/lm -Dtest=LanguageModelFilesFuzzTest -Dductus.fuzz.tries=1000000
 * </pre>
 * Inputs that failed are kept as regression tests in {@link LanguageModelFilesRegressionTest}.
 */
class LanguageModelFilesFuzzTest {
    private static final Path DIR = tempDir();
    private static final ReaderFuzz ARPA_FUZZ = new ReaderFuzz("ArpaReader");
    private static final ReaderFuzz BINARY_FUZZ = new ReaderFuzz("BinaryModelFile");
    /** A hand-written trigram file, 3 words, every field kind. */
    private static final byte[] HAND_ARPA = ("""
            header comment
            \\data\\
            ngram 1=4
            ngram 2=3
            ngram 3=1

            \\1-grams:
            -1.0\t<s>\t-0.3
            -0.5\ta\t-0.2
            -0.7\tb
            -inf\t</s>

            \\2-grams:
            -0.3 <s> a -0.1
            -0.2 a b
            -0.4 b </s>

            \\3-grams:
            -0.1 <s> a b

            \\end\\
            """).getBytes(StandardCharsets.UTF_8);
    private static final NgramModel TRAINED = TestModels.train(
            List.of("a b a c", "b c a", "c a b b"), 3, TokenUnit.WORD);
    private static final byte[] TRAINED_ARPA = arpa(TRAINED);
    private static final byte[] BINARY = binary(TRAINED);
    private static final byte[] GZIPPED_ARPA = gzip(HAND_ARPA);
    private static final List<String> ARPA_TOKENS = List.of("\\data\\", "\\end\\", "\\1-grams:", "\\2-grams:",
            "\\3-grams:", "\\4-grams:", "ngram 1=", "ngram 2=2147483647", "ngram 3=99999999999", "ngram 4=1",
            "ngram 0=1", "ngram 3=-1", "-99", "-inf", "+inf", "inf", "1e999", "-1e-999", "NaN", "0x1p3", "1f", "-",
            ".", "e5", "\u0663", "\uff11", "\t", " ", "\n", "\r\n", "\n\n", "<s>", "</s>", "<unk>", "a", "\u0000",
            "\ufeff", "-0.5 a b -0.1", "-0.5 a\n", "99999999999999999999");

    @Test
    void arpa() {
        ARPA_FUZZ.campaign("arpa", 20261210, DIR.resolve("model.arpa"),
                rnd -> Mutations.random(rnd.nextBoolean() ? TRAINED_ARPA : HAND_ARPA, rnd, ARPA_TOKENS), ModelFiles::load);
    }

    @Test
    void gzippedArpa() {
        ARPA_FUZZ.campaign("gzippedArpa", 20261211, DIR.resolve("model.arpa.gz"),
                rnd -> rnd.nextBoolean() ? Mutations.random(GZIPPED_ARPA, rnd, ARPA_TOKENS)
                        : gzip(Mutations.random(HAND_ARPA, rnd, ARPA_TOKENS)),
                ModelFiles::load);
    }

    @Test
    void binary() {
        BINARY_FUZZ.campaign("binary", 20261212, DIR.resolve("model.bin"), rnd -> Mutations.random(BINARY, rnd), ModelFiles::load);
    }

    @AfterAll
    static void report() throws IOException {
        System.out.println(ARPA_FUZZ.summary());
        System.out.println(BINARY_FUZZ.summary());
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static byte[] arpa(NgramModel model) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ArpaWriter.write(model, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] binary(NgramModel model) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryModelFile.write(model, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("lm-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
