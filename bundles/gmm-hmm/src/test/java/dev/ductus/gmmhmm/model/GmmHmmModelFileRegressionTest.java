package dev.ductus.gmmhmm.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.testfuzz.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs {@link GmmHmmModelFileFuzzTest} found; each must be an InputException naming the file. */
class GmmHmmModelFileRegressionTest {
    @TempDir
    Path dir;

    /**
     * Seed 20261220: byte 14 flipped ('handcrafted' became 'iandcrafted') and the CRC recomputed. The feature
     * spec's InputException escaped as it was, naming the spec but not the file.
     */
    @Test
    void badFeatureSpecNamesTheFile() throws IOException {
        byte[] bytes = seed();
        bytes[14] ^= 1;
        InputException e = refused(Checksums.fixTrailingCrc32(bytes));
        assertTrue(e.getMessage().contains("iandcrafted"), e.getMessage());
    }

    private byte[] seed() throws IOException {
        Path file = dir.resolve("seed.gmmhmm");
        GmmHmmModelFile.write(file, ModelFixtures.random("handcrafted:w=3,s=3,deltas=0", 57, 5));
        return Files.readAllBytes(file);
    }

    private InputException refused(byte[] bytes) throws IOException {
        Path file = dir.resolve("bad.gmmhmm");
        Files.write(file, bytes);
        InputException e = assertThrows(InputException.class, () -> GmmHmmModelFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        return e;
    }
}
