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

    /**
     * Regression: a parameter that joins after others have taken 1,000 steps (an encoder unfrozen under a
     * trained head) got its bias correction from the global count: with an empty second moment its first
     * update was 0.1 / sqrt(1 - 0.999^1000) = 2.5 times the learning rate, per weight. It must move exactly as
     * a fresh Adam moves it, and the parameter that was there all along as before.
     */
    @Test
    void aParameterThatJoinsLateIsCorrectedByItsOwnStepCount() {
        Adam adam = new Adam();
        Adam reference = new Adam();
        Param early = param(1, 5);
        Param early2 = param(1, 5);
        for (int i = 0; i < 1000; i++) {
            quadraticGrad(early);
            adam.step(List.of(early), 1e-4);
            quadraticGrad(early2);
            reference.step(List.of(early2), 1e-4);
        }
        Param late = param(1, 5, -7);
        Param fresh = param(1, 5, -7);
        Adam alone = new Adam();
        for (int i = 0; i < 5; i++) {
            quadraticGrad(early);
            quadraticGrad(late);
            adam.step(List.of(early, late), 0.1);
            quadraticGrad(fresh);
            alone.step(List.of(fresh), 0.1);
            quadraticGrad(early2);
            reference.step(List.of(early2), 0.1);
            for (int k = 0; k < 3; k++) assertEquals(fresh.value().get(k), late.value().get(k), 1e-12, "step " + i);
            for (int k = 0; k < 2; k++) assertEquals(early2.value().get(k), early.value().get(k), 1e-12, "step " + i);
        }
        assertEquals(1005, adam.steps());
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

    /** Each parameter moves at lr * factor(p); one step of the count for the whole group. */
    @Test
    void parameterGroupsStepAtTheirOwnRates() {
        for (boolean isAdam : new boolean[] {true, false}) {
            Optimizer opt = isAdam ? new Adam() : new Sgd(0, false, 0);
            Optimizer slow = isAdam ? new Adam() : new Sgd(0, false, 0);
            Param head = param(1, 5);
            Param encoder = param(-4);
            Param reference = param(-4);
            quadraticGrad(head);
            quadraticGrad(encoder);
            quadraticGrad(reference);
            opt.step(List.of(head, encoder), 0.1, p -> p == encoder ? 0.25 : 1);
            slow.step(List.of(reference), 0.025);
            assertEquals(isAdam ? 1.1 : 1.4, head.value().get(0), 1e-6);   // Adam: lr * sign(g), up to eps
            assertEquals(reference.value().get(0), encoder.value().get(0), 1e-12);
            assertEquals(1, opt.steps());
        }
        assertEquals(0, LearningRateSchedule.warmup(-1, 10));
        assertEquals(0.1, LearningRateSchedule.warmup(0, 10), 1e-12);
        assertEquals(1, LearningRateSchedule.warmup(9, 10));
        assertEquals(1, LearningRateSchedule.warmup(0, 0));
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
