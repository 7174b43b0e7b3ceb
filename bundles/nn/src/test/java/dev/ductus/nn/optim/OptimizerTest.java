package dev.ductus.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.nn.layer.Param;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class OptimizerTest {
    private static Param param(double... v) {
        Param p = new Param("w", DataType.DOUBLE, true, v.length);
        for (int i = 0; i < v.length; i++) p.value().set(i, v[i]);
        return p;
    }

    /** Gradient of f(w) = sum (w - 3)^2. */
    private static void quadraticGrad(Param p) {
        for (int i = 0; i < p.size(); i++) p.grad().set(i, 2 * (p.value().get(i) - 3));
    }

    @Test
    void adamFirstStepIsLearningRateTimesSign() {
        Param p = param(1, 5);
        quadraticGrad(p);
        new Adam().step(List.of(p), 0.1);
        // after bias correction, m/sqrt(v) = g/|g|
        assertEquals(1.1, p.value().get(0), 1e-6);
        assertEquals(4.9, p.value().get(1), 1e-6);
    }

    @Test
    void adamAndSgdConvergeOnAQuadratic() {
        for (Optimizer opt : new Optimizer[] {new Adam(), new Sgd(0.9, false, 0), new Sgd(0.9, true, 0)}) {
            Param p = param(-2, 10, 0.5);
            for (int i = 0; i < 500; i++) {
                quadraticGrad(p);
                opt.step(List.of(p), opt instanceof Adam ? 0.05 : 0.01);
            }
            for (int i = 0; i < 3; i++) assertEquals(3, p.value().get(i), 1e-3, opt.name());
            assertEquals(500, opt.steps());
        }
    }

    @Test
    void sgdMomentumByHand() {
        Param p = param(0);
        Sgd sgd = new Sgd(0.5, false, 0.1);
        p.value().set(0, 1);
        p.grad().set(0, 2);
        sgd.step(List.of(p), 0.1);   // g = 2 + 0.1*1 = 2.1, v = 2.1, w = 1 - 0.21
        assertEquals(0.79, p.value().get(0), 1e-12);
        sgd.step(List.of(p), 0.1);   // g = 2 + 0.079 = 2.079, v = 1.05 + 2.079, w -= 0.3129
        assertEquals(0.79 - 0.1 * (0.5 * 2.1 + 2.079), p.value().get(0), 1e-12);
    }

    @Test
    void clippingScalesTheGlobalNorm() {
        Param a = param(0, 0);
        Param b = param(0);
        a.grad().set(0, 3);
        a.grad().set(1, 0);
        b.grad().set(0, 4);
        assertEquals(5, GradientClipping.clipGlobalNorm(List.of(a, b), 1), 1e-12);
        assertEquals(0.6, a.grad().get(0), 1e-12);
        assertEquals(0.8, b.grad().get(0), 1e-12);
        assertEquals(1, GradientClipping.clipGlobalNorm(List.of(a, b), 10), 1e-12);
        assertEquals(0.6, a.grad().get(0), 1e-12);
    }

    @Test
    void schedules() {
        assertEquals(1, LearningRateSchedule.parse("constant").factor(1000, 50));
        LearningRateSchedule step = LearningRateSchedule.parse("step:10:0.5");
        assertEquals(1, step.factor(0, 9));
        assertEquals(0.25, step.factor(0, 25), 1e-12);
        assertEquals(0.9 * 0.9, LearningRateSchedule.parse("exp:0.9").factor(0, 2), 1e-12);
        LearningRateSchedule cos = LearningRateSchedule.parse("cosine:100:0.1");
        assertEquals(1, cos.factor(0, 0), 1e-12);
        assertEquals(0.55, cos.factor(50, 0), 1e-12);
        assertEquals(0.1, cos.factor(200, 0), 1e-12);
        LearningRateSchedule warm = LearningRateSchedule.parse("constant+warmup:4");
        assertEquals(0.25, warm.factor(0, 0), 1e-12);
        assertEquals(1, warm.factor(10, 0), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("linear"));
        assertTrue(LearningRateSchedule.parse("step:1:0.5").factor(0, 3) < 0.2);
    }
}
