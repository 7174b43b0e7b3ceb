package dev.ductus.hybrid.model;

import dev.ductus.hybrid.TestModels;
import dev.ductus.testfuzz.Checksums;
import dev.ductus.testfuzz.Mutations;
import dev.ductus.testfuzz.ReaderFuzz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link HybridModelFile#read} with mutations of a tiny valid RNN-HMM and MLP-HMM file; the CRC-32 is
 * recomputed for half the inputs (almost all of them then reach the hybrid header's text: state counts,
 * transitions, priors, normaliser) and numbers and separators of that text are among what is inserted. Every
 * input reads or is refused with an InputException naming the file, within 5 s and 256 MB ({@link ReaderFuzz}).
 * 10,000 inputs in CI, with a fixed seed; a longer run:
 * <pre>
 * mvn -B -ntp -o install -pl bundles/hybrid -Dtest=HybridModelFileFuzzTest -Dductus.fuzz.tries=1000000
 * </pre>
 */
class HybridModelFileFuzzTest {
    private static final Path DIR = tempDir();
    private static final ReaderFuzz FUZZ = new ReaderFuzz("HybridModelFile");
    private static final byte[] RNN = seed(HybridModel.RNN_HMM, "blstm=4");
    private static final byte[] MLP = seed(HybridModel.MLP_HMM, "dense=4");

    private static final List<String> TOKENS = List.of(" ", "  ", "-Infinity", "Infinity", "NaN", "-0.0", "1e308", "4.9E-324",
            "2147483647", "-2147483648", "99999999999", "0", "-1", "3", "x", "hybrid.", "fact.", "mlp-hmm", "rnn-hmm");

    @Test
    void read() {
        FUZZ.campaign("read", 20261240, DIR.resolve("model.hybrid"), rnd -> {
            boolean rnn = rnd.nextBoolean();
            boolean fixChecksum = rnd.nextBoolean();
            byte[] bytes = Mutations.random(rnn ? RNN : MLP, rnd, TOKENS);
            return fixChecksum ? Checksums.fixTrailingCrc32(bytes) : bytes;
        }, HybridModelFile::read);
    }

    @AfterAll
    static void report() throws IOException {
        System.out.println(FUZZ.summary());
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static byte[] seed(String system, String hidden) {
        try {
            Path file = DIR.resolve("seed.hybrid");
            HybridModelFile.write(file, TestModels.model(system, hidden, 1, Map.of("data", "cursive")));
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("hybrid-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
