package dev.ductus.gmmhmm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.model.FrameScores;
import dev.ductus.testsupport.RenderedLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmmHmmModelFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryParameterAndScore() throws Exception {
        GmmHmmModel model = ModelFixtures.random("handcrafted:w=3,s=3,deltas=0", 57, 5);
        Path file = dir.resolve("model.gmmhmm");
        GmmHmmModelFile.write(file, model);
        GmmHmmModel read = GmmHmmModelFile.read(file);
        assertEquals(model.featureSpec(), read.featureSpec());
        assertEquals(model.alphabet(), read.alphabet());
        assertEquals(model.facts(), read.facts());
        assertArrayEquals(model.gmmHmm().hmms().stateCounts(), read.gmmHmm().hmms().stateCounts());
        assertArrayEquals(model.gmmHmm().hmms().logSelfArray(), read.gmmHmm().hmms().logSelfArray());
        assertArrayEquals(model.gmmHmm().hmms().logSkipArray(), read.gmmHmm().hmms().logSkipArray());
        for (int g = 0; g < model.gmmHmm().states(); g++) {
            assertArrayEquals(model.gmmHmm().gmm(g).means(), read.gmmHmm().gmm(g).means());
            assertArrayEquals(model.gmmHmm().gmm(g).variances(), read.gmmHmm().gmm(g).variances());
            assertArrayEquals(model.gmmHmm().gmm(g).weights(), read.gmmHmm().gmm(g).weights());
        }
        var image = RenderedLines.render("a b", "DejaVu Sans", 18, 0);
        FrameScores a = model.score(image);
        FrameScores b = read.score(image);
        assertArrayEquals(a.scores(), b.scores());
        assertEquals("gmm-hmm", read.info().system());
        assertEquals(GmmHmmModelFile.FORMAT_VERSION, read.info().formatVersion());
        assertEquals("handcrafted:w=3,s=3,deltas=0", read.info().inputSpec());
    }

    @Test
    void truncatedFileIsNamedInTheError() throws Exception {
        Path file = dir.resolve("model.gmmhmm");
        GmmHmmModelFile.write(file, ModelFixtures.random("handcrafted:w=3,s=3,deltas=0", 57, 5));
        byte[] bytes = Files.readAllBytes(file);
        for (int keep : new int[] {0, 5, 40, bytes.length / 2, bytes.length - 3}) {
            Path cut = dir.resolve("cut" + keep + ".gmmhmm");
            Files.write(cut, Arrays.copyOf(bytes, keep));
            InputException e = assertThrows(InputException.class, () -> GmmHmmModelFile.read(cut));
            assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not a Ductus"), e.getMessage());
        }
    }

    @Test
    void corruptFileIsRefused() throws Exception {
        Path file = dir.resolve("model.gmmhmm");
        GmmHmmModelFile.write(file, ModelFixtures.random("handcrafted:w=3,s=3,deltas=0", 57, 5));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Path bad = dir.resolve("flipped.gmmhmm");
        Files.write(bad, bytes);
        InputException e = assertThrows(InputException.class, () -> GmmHmmModelFile.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());

        Path extra = dir.resolve("extra.gmmhmm");
        Files.write(extra, Arrays.copyOf(Files.readAllBytes(file), bytes.length + 1));
        assertThrows(InputException.class, () -> GmmHmmModelFile.read(extra));

        Path other = dir.resolve("other.bin");
        Files.writeString(other, "DUCTGMMX and more bytes here");
        assertTrue(assertThrows(InputException.class, () -> GmmHmmModelFile.read(other)).getMessage().contains("not a Ductus"));
        assertTrue(assertThrows(InputException.class, () -> GmmHmmModelFile.read(dir.resolve("missing")))
                .getMessage().contains("missing"));
    }

    @Test
    void framesOfAnotherFeatureSpecAreRefused() {
        GmmHmmModel model = ModelFixtures.random("handcrafted:w=3,s=3,deltas=0", 57, 5);
        FeatureSequence foreign = new FeatureSequence(1, 57, new float[57], new float[1], "handcrafted:w=4,s=2,deltas=0");
        InputException e = assertThrows(InputException.class, () -> model.score(foreign, 10));
        assertTrue(e.getMessage().contains("handcrafted:w=4,s=2,deltas=0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelFixtures.random("handcrafted:w=3,s=3,deltas=1", 57, 5));
    }
}
