package dev.ductus.nn.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.nn.check.GradientCheck;
import dev.ductus.nn.tensor.Batch;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Finite-difference gradient checks of every layer, in double precision, on batches with padding. */
class LayerGradientTest {
    private static final DataType D = DataType.DOUBLE;
    private static final double TOL = 1e-6;

    private static void assertGradients(Layer layer, Batch x) {
        List<GradientCheck.Result> results = GradientCheck.checkLayer(layer, x, 7, 1e-6, 150);
        for (GradientCheck.Result r : results) assertTrue(r.passes(TOL), layer.spec() + " " + r);
        assertTrue(results.stream().anyMatch(r -> r.name().equals("input")), "input gradient checked");
    }

    private static Batch images(int channels, long seed) {
        return TestBatches.random(D, new int[] {5, 3, 6}, new int[] {7, 4, 5}, channels, seed);
    }

    private static Batch sequences(int channels, long seed) {
        return TestBatches.random(D, new int[] {1, 1, 1}, new int[] {6, 3, 5}, channels, seed);
    }

    @Test
    void conv2dSamePadding() {
        for (Nonlinearity act : new Nonlinearity[] {Nonlinearity.LEAKY, Nonlinearity.TANH, Nonlinearity.NONE}) {
            Conv2d c = new Conv2d(D, new Shape(0, 2), 3, 3, 3, 1, 1, act);
            Initialization.heNormal(c.weight(), c.fanIn(), new SplittableRandom(1));
            Initialization.glorotUniform(c.bias(), 3, 3, new SplittableRandom(2));
            assertGradients(c, images(2, 3));
        }
    }

    @Test
    void conv2dWithFusedPooling() {
        for (Nonlinearity act : new Nonlinearity[] {Nonlinearity.LEAKY, Nonlinearity.TANH}) {
            Conv2d c = new Conv2d(D, new Shape(0, 2), 3, 3, 3, 1, 1, act, 2, 2);
            Initialization.heNormal(c.weight(), c.fanIn(), new SplittableRandom(1));
            assertGradients(c, images(2, 3));
        }
    }

    @Test
    void conv2dStridedAndRectangular() {
        Conv2d c = new Conv2d(D, new Shape(0, 3), 4, 2, 3, 2, 2, Nonlinearity.TANH);
        Initialization.glorotUniform(c.weight(), c.fanIn(), 4, new SplittableRandom(1));
        assertGradients(c, images(3, 4));
    }

    @Test
    void maxPool() {
        assertGradients(new MaxPool(D, new Shape(0, 3), 2, 2, 2, 2), images(3, 5));
        assertGradients(new MaxPool(D, new Shape(0, 2), 3, 2, 2, 1), images(2, 6));
    }

    @Test
    void lstmForwardAndBidirectional() {
        for (boolean bi : new boolean[] {false, true}) {
            Lstm l = new Lstm(D, new Shape(1, 4), 3, bi);
            l.initialize(new SplittableRandom(9));
            // random biases so no gate sits at a special value
            for (Param p : l.params()) {
                if (p.name().endsWith("bias")) Initialization.glorotUniform(p, 4, 4, new SplittableRandom(4));
            }
            assertGradients(l, sequences(4, 8));
        }
    }

    @Test
    void denseDropoutNormActivation() {
        Dense d = new Dense(D, new Shape(0, 3), 4, Nonlinearity.SIGMOID);
        Initialization.glorotUniform(d.weight(), 3, 4, new SplittableRandom(1));
        assertGradients(d, images(3, 1));

        Dropout drop = new Dropout(D, new Shape(0, 3), 0.4, 5);
        drop.forward(images(3, 2), true);
        drop.freezeMask(true);
        assertGradients(drop, images(3, 2));

        LayerNorm norm = new LayerNorm(D, new Shape(0, 5));
        Initialization.glorotUniform(norm.params().get(0), 5, 5, new SplittableRandom(3));
        Initialization.glorotUniform(norm.params().get(1), 5, 5, new SplittableRandom(4));
        assertGradients(norm, images(5, 3));

        assertGradients(new Activation(D, new Shape(0, 2), Nonlinearity.TANH), images(2, 4));
    }

    @Test
    void reshapingLayersAndLogSoftmax() {
        assertGradients(new Collapse(D, new Shape(0, 3)), images(3, 5));
        assertGradients(new Columns(D, new Shape(4, 2)),
                TestBatches.random(D, new int[] {4, 4}, new int[] {5, 3}, 2, 6));
        assertGradients(new LogSoftmax(D, new Shape(1, 5)), sequences(5, 7));
        assertGradients(new FrameWindow(D, new Shape(1, 3), 2), sequences(3, 8));
        assertGradients(new BlockSubsample(D, new Shape(0, 2), 2, 3), images(2, 9));
    }
}
