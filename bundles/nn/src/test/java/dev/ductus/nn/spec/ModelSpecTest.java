package dev.ductus.nn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ModelSpecTest {
    private static Network build(Shape in, String spec) {
        return new NetworkBuilder(DataType.FLOAT, 1).build(in, ModelSpec.parse(spec));
    }

    @Test
    void buildsTheCrnnOfThePeerBenchmark() {
        Network net = build(new Shape(64, 1),
                "conv=16:3x3,pool=2x2,conv=32:3x3,pool=2x2,conv=48:3x3,pool=2x2,conv=64:3x3,blstm=128,blstm=128,dense=80");
        assertEquals("conv=16:3x3,pool=2x2,conv=32:3x3,pool=2x2,conv=48:3x3,pool=2x2,conv=64:3x3,columns,"
                + "blstm=128,blstm=128,dense=80", net.spec());
        // same parameter count as crnn_bench.py (PyTorch's LSTM has two bias vectors, we have one)
        long torchParams = 1_119_616;
        long extraTorchBiases = 2L * 2 * 4 * 128;
        assertEquals(torchParams - extraTorchBiases, net.parameterCount());
        assertEquals(new Shape(1, 80), net.outputShape());
        assertEquals(64, net.outputWidth(512));
    }

    @Test
    void optionsAndCanonicalForm() {
        Network net = build(new Shape(0, 3), "conv=6:2x4:s=2x4:tanh,pool=3x3:s=2x2,dropout=0.25,norm,act=relu,collapse,lstm=7,dense=9:sigmoid,logsoftmax");
        assertEquals("conv=6:2x4:s=2x4:tanh,pool=3x3:s=2x2,dropout=0.25,norm,act=relu,collapse,lstm=7,dense=9:sigmoid,logsoftmax",
                net.spec());
        assertEquals(net.spec(), build(new Shape(0, 3), net.spec()).spec());
        assertEquals(24, net.outputWidth(203)); // conv: (203-4)/4+1 = 50; pool: (50-3)/2+1 = 24
    }

    @Test
    void errorsNameTheToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(new Shape(0, 1), "conv=16:3y3"));
        assertTrue(e.getMessage().contains("conv=16:3y3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> build(new Shape(0, 1), "conv=16:3x3,blstm=8"));
        assertTrue(e.getMessage().contains("collapse"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> build(new Shape(0, 1), "mlp=3"));
        assertTrue(e.getMessage().contains("unknown layer 'mlp'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("conv=8:3x3,,pool=2x2"));
        assertThrows(IllegalArgumentException.class, () -> build(new Shape(0, 1), "dropout=1.5"));
    }
}
