package dev.ductus.ctc.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.ctc.input.PixelEncoder;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.spec.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class CtcModelTest {
    @TempDir
    Path dir;

    private static CtcModel model() {
        Alphabet a = new Alphabet(List.of("a", "b", "c"));
        Network net = new NetworkBuilder(DataType.FLOAT, 4).build(new Shape(16, 1),
                ModelSpec.parse("conv=4:3x3,pool=2x2,blstm=6,dense=4"));
        return new CtcModel("crnn", a, "pixels:h=16", null, null, net, Map.of("epochs", "3"));
    }

    private static GrayImage line(long seed, int width) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[width * 16];
        for (int i = 0; i < p.length; i++) p[i] = (float) r.nextDouble();
        return new GrayImage(width, 16, p);
    }

    @Test
    void scoresArePosteriorsWithPositionsInTheImage() {
        CtcOpticalModel m = new CtcOpticalModel(model(), new PixelEncoder(16, 1));
        FrameScores s = m.score(line(1, 64));
        assertEquals(32, s.frames());
        assertEquals(4, s.classes());
        for (int t = 0; t < s.frames(); t++) {
            double sum = 0;
            for (int k = 0; k < 4; k++) sum += Math.exp(s.get(t, k));
            assertEquals(1, sum, 1e-5);
        }
        assertEquals(1f, s.frameX()[0], 1e-4);
        assertEquals(63f, s.frameX()[31], 1e-4);
        assertEquals(64, s.imageWidth());
    }

    @Test
    void concurrentRequestsGetTheSameScoresAsSequentialOnes() throws Exception {
        CtcOpticalModel m = new CtcOpticalModel(model(), new PixelEncoder(16, 1));
        List<GrayImage> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) lines.add(line(i, 20 + 7 * i));
        List<float[]> sequential = new ArrayList<>();
        for (GrayImage l : lines) sequential.add(m.score(l).scores());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (GrayImage l : lines) futures.add(pool.submit(() -> m.score(l).scores()));
            }
            for (int i = 0; i < futures.size(); i++) assertArrayEquals(sequential.get(i % 12), futures.get(i).get(), 1e-6f);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void fileRoundTripKeepsEverythingAndForeignFilesAreRefused() throws Exception {
        CtcModel a = model();
        Path file = dir.resolve("m.model");
        a.write(file, null, Map.of());
        CtcModel b = CtcModel.read(file, null, null);
        assertEquals(a.info().system(), b.info().system());
        assertEquals(a.alphabet(), b.alphabet());
        assertEquals(Map.of("epochs", "3"), b.facts());
        assertEquals(a.network().parameterCount(), b.info().parameters());
        assertArrayEquals(new CtcOpticalModel(a, new PixelEncoder(16, 1)).score(line(3, 40)).scores(),
                new CtcOpticalModel(b, new PixelEncoder(16, 1)).score(line(3, 40)).scores(), 1e-6f);
        Path bare = dir.resolve("bare.model");
        dev.ductus.nn.io.NetworkFile.write(bare, Map.of(), a.network(), null);
        InputException e = assertThrows(InputException.class, () -> CtcModel.read(bare, null, null));
        assertTrue(e.getMessage().contains("not a CTC model"), e.getMessage());
        assertTrue(Files.size(file) > 4 * a.network().parameterCount());
    }
}
