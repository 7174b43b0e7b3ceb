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

    /** The builder's parameter count before allocation is the network's exact count, for every parametric layer. */
    @Test
    void theBuildersParameterBudgetCountsExactlyWhatTheLayersAllocate() {
        Shape in = new Shape(16, 1);
        ModelSpec spec = ModelSpec.parse("conv=4:3x3,pool=2x2,norm,mdlstm=3,conv=2:3x3:tanh,blstm=5,lstm=3,dense=6");
        long exact = new NetworkBuilder(DataType.FLOAT, 1).build(in, spec).parameterCount();
        assertEquals(exact, new NetworkBuilder(DataType.FLOAT, 1, exact).build(in, spec).parameterCount());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new NetworkBuilder(DataType.FLOAT, 1, exact - 1).build(in, spec));
        assertTrue(e.getMessage().contains("parameters, more than the " + (exact - 1) + " allowed"), e.getMessage());
    }

    /** A file whose model string asks for a huge network is refused before the arrays are allocated. */
    @Test
    void aModelStringLargerThanItsFileIsRefusedBeforeAllocation() throws Exception {
        Path file = dir.resolve("m.dnn");
        NetworkFile.write(file, Map.of(), network(), null);
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        // the header's model string (a length-prefixed string) replaced by one layer of 2e9 units, the checksum re-sealed
        String spec = "conv=4:3x3,pool=2x2,columns,blstm=5,dense=6";
        int s0 = text.indexOf(spec);
        assertTrue(s0 > 4, "the model string is in the header");
        String huge = "dense=2000000000";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(bytes, 0, s0 - 4);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(huge.length()).array());
        out.write(huge.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(bytes, s0 + spec.length(), bytes.length - 8 - (s0 + spec.length()));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] body = out.toByteArray();
        crc.update(body, 0, body.length);
        out.write(java.nio.ByteBuffer.allocate(8).putLong(crc.getValue()).array());
        java.nio.file.Files.write(file, out.toByteArray());
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.ductus.api.InputException.class,
                () -> NetworkFile.read(file, DataType.FLOAT, null));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("parameters, more than"), e.getMessage());
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < (256L << 20), "no large allocation: " + (after - before) + " bytes more");
    }
}
