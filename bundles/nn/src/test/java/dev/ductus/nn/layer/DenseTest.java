package dev.ductus.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.nn.check.GradientCheck;
import dev.ductus.nn.tensor.Batch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class DenseTest {
    @Test
    void computesAffineMapByHand() {
        Dense d = new Dense(DataType.DOUBLE, new Shape(1, 2), 3, Nonlinearity.NONE);
        double[] w = {1, 2, 3, 4, 5, 6};
        for (int i = 0; i < 6; i++) d.weight().value().set(i, w[i]);
        for (int i = 0; i < 3; i++) d.bias().value().set(i, 0.5 * i);
        Batch x = TestBatches.random(DataType.DOUBLE, new int[] {1}, new int[] {1}, 2, 1);
        x.data().set(0, 1);
        x.data().set(1, -1);
        Batch y = d.forward(x, false);
        assertEquals(1 - 4 + 0, y.data().get(0), 1e-12);
        assertEquals(2 - 5 + 0.5, y.data().get(1), 1e-12);
        assertEquals(3 - 6 + 1.0, y.data().get(2), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (Nonlinearity act : Nonlinearity.values()) {
            Dense d = new Dense(DataType.DOUBLE, new Shape(0, 5), 4, act);
            Initialization.glorotUniform(d.weight(), 5, 4, new java.util.SplittableRandom(3));
            Batch x = TestBatches.random(DataType.DOUBLE, new int[] {2, 1, 3}, new int[] {4, 7, 2}, 5, 11);
            for (GradientCheck.Result r : GradientCheck.checkLayer(d, x, 5, 1e-6, 200)) {
                assertTrue(r.passes(1e-6), act + " " + r);
            }
        }
    }
}
