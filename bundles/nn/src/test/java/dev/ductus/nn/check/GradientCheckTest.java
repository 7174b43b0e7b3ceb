package dev.ductus.nn.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.nn.layer.Dense;
import dev.ductus.nn.layer.Initialization;
import dev.ductus.nn.layer.Nonlinearity;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.layer.TestBatches;
import dev.ductus.nn.tensor.Batch;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The checker itself: it must reject a wrong gradient, not only accept right ones. */
class GradientCheckTest {
    @Test
    void rejectsAGradientThatIsOffByAFactor() {
        Dense d = new Dense(DataType.DOUBLE, new Shape(0, 3), 2, Nonlinearity.TANH);
        Initialization.glorotUniform(d.weight(), 3, 2, new SplittableRandom(1));
        Batch x = TestBatches.random(DataType.DOUBLE, new int[] {1, 1}, new int[] {3, 2}, 3, 2);
        double[] w = {0.3, -0.7, 0.5, 0.1, 0.9, -0.2, 0.4, -0.6, 0.8, -0.1, 0.2, 0.6};
        java.util.function.DoubleSupplier loss = () -> {
            Batch y = d.forward(x, true);
            double s = 0;
            for (int i = 0; i < y.size(); i++) s += w[i] * y.data().get(i);
            return s;
        };
        Runnable rightBackward = () -> {
            Batch y = d.forward(x, true);
            Batch g = new Batch(new dev.ductus.nn.tensor.Tensor(DataType.DOUBLE, 1)).reshapeLike(y, y.channels());
            for (int i = 0; i < y.size(); i++) g.data().set(i, w[i]);
            g.zeroPadding();
            d.backward(g);
        };
        Runnable wrongBackward = () -> {
            rightBackward.run();
            Param b = d.bias();
            b.grad().set(1, b.grad().get(1) * 1.01);
        };
        List<GradientCheck.Result> ok = GradientCheck.checkParams(d.params(), loss, rightBackward, 1, 1e-6, 100);
        assertTrue(ok.stream().allMatch(r -> r.passes(1e-7)), ok.toString());
        List<GradientCheck.Result> bad = GradientCheck.checkParams(d.params(), loss, wrongBackward, 1, 1e-6, 100);
        assertFalse(bad.get(1).passes(1e-4), bad.toString());
    }
}
