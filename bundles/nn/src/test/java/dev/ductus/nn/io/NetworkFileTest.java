package dev.ductus.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.layer.TestBatches;
import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.nn.tensor.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class NetworkFileTest {
    @TempDir
    Path dir;

    private static Network network() {
        return new NetworkBuilder(DataType.FLOAT, 3).build(new Shape(8, 1),
                ModelSpec.parse("conv=4:3x3,pool=2x2,blstm=5,dense=6"));
    }

    @Test
    void roundTripGivesTheSameOutputsHeaderAndOptimizerState() throws Exception {
        Network net = network();
        Adam adam = new Adam();
        for (Param p : net.params()) p.grad().fill(0, p.size(), 0.1);
        adam.step(net.params(), 0.01);
        Path file = dir.resolve("m.dnn");
        NetworkFile.write(file, Map.of("system", "test", "alphabet", "61 62"), net, adam);
        Adam restored = new Adam();
        NetworkFile.Contents c = NetworkFile.read(file, DataType.FLOAT, restored);
        assertTrue(c.optimizerRestored());
        assertEquals(1, restored.steps());
        assertEquals("test", c.header().get("system"));
        assertEquals(net.spec(), c.network().spec());
        assertEquals("conv=4:3x3,pool=2x2,columns,blstm=5,dense=6", net.spec());
        Batch x = TestBatches.random(DataType.FLOAT, new int[] {8, 8}, new int[] {12, 7}, 1, 5);
        float[] a = net.forward(x, false).data().toFloats(net.forward(x, false).size());
        Batch y = c.network().forward(x, false);
        assertArrayEquals(a, y.data().toFloats(y.size()));
        Param p0 = net.params().get(0);
        assertArrayEquals(adam.state(p0).get(1).toFloats(p0.size()),
                restored.state(c.network().params().get(0)).get(1).toFloats(p0.size()));
        assertEquals("test", NetworkFile.readHeader(file).get("system"));
    }

    @Test
    void truncatedCorruptForeignAndMissingFilesNameTheFile() throws Exception {
        Path file = dir.resolve("m.dnn");
        NetworkFile.write(file, Map.of("system", "test"), network(), null);
        byte[] bytes = Files.readAllBytes(file);
        for (int cut : new int[] {0, 5, 20, bytes.length / 2, bytes.length - 1}) {
            Path t = dir.resolve("cut" + cut + ".dnn");
            Files.write(t, java.util.Arrays.copyOf(bytes, cut));
            InputException e = assertThrows(InputException.class, () -> NetworkFile.read(t, DataType.FLOAT, null));
            assertTrue(e.getMessage().startsWith(t.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 100] ^= 0x10;
        Path bad = dir.resolve("bad.dnn");
        Files.write(bad, flipped);
        InputException e = assertThrows(InputException.class, () -> NetworkFile.read(bad, DataType.FLOAT, null));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        Path foreign = dir.resolve("foreign.dnn");
        Files.writeString(foreign, "this is not a model file at all, just text");
        e = assertThrows(InputException.class, () -> NetworkFile.read(foreign, DataType.FLOAT, null));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
        e = assertThrows(InputException.class, () -> NetworkFile.read(dir.resolve("none.dnn"), DataType.FLOAT, null));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void aNewerFormatVersionIsRefused() throws Exception {
        Path file = dir.resolve("m.dnn");
        NetworkFile.write(file, Map.of(), network(), null);
        byte[] bytes = Files.readAllBytes(file);
        bytes[11] = 9;
        Files.write(file, bytes);
        InputException e = assertThrows(InputException.class, () -> NetworkFile.read(file, DataType.FLOAT, null));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }
}
