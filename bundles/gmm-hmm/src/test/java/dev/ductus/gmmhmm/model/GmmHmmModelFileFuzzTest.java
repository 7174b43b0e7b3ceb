package dev.ductus.gmmhmm.model;

import dev.ductus.testfuzz.Checksums;
import dev.ductus.testfuzz.Mutations;
import dev.ductus.testfuzz.ReaderFuzz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link GmmHmmModelFile#read} with mutations of a tiny valid model (4 symbols, 10 states, mixtures of 1
 * to 4 components): half the inputs get their CRC-32 recomputed after the mutation, so the parser behind the
 * checksum is reached too. Every input reads or is refused with an InputException naming the file, within 5 s
 * and 256 MB ({@link ReaderFuzz}). 10,000 inputs in CI, with a fixed seed; a longer run:
 * <pre>
 * mvn -B -ntp -o install -pl bundles/gmm-hmm -Dtest=GmmHmmModelFileFuzzTest -Dductus.fuzz.tries=1000000
 * </pre>
 */
class GmmHmmModelFileFuzzTest {
    private static final Path DIR = tempDir();
    private static final ReaderFuzz FUZZ = new ReaderFuzz("GmmHmmModelFile");
    private static final byte[] SEED = seed();

    @Test
    void read() {
        FUZZ.campaign("read", 20261220, DIR.resolve("model.gmmhmm"), rnd -> {
            boolean fixChecksum = rnd.nextBoolean();
            byte[] bytes = Mutations.random(SEED, rnd);
            return fixChecksum ? Checksums.fixTrailingCrc32(bytes) : bytes;
        }, GmmHmmModelFile::read);
    }

    @AfterAll
    static void report() throws IOException {
        System.out.println(FUZZ.summary());
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static byte[] seed() {
        try {
            Path file = DIR.resolve("seed.gmmhmm");
            GmmHmmModelFile.write(file, ModelFixtures.random("handcrafted:w=3,s=3,deltas=0", 57, 5));
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("gmmhmm-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
