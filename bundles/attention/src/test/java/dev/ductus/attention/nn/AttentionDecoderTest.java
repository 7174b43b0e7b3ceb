package dev.ductus.attention.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.nn.check.GradientCheck;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class AttentionDecoderTest {
    private static final AttentionDecoder.Dims DIMS = new AttentionDecoder.Dims(5, 3, 4, 6, 2, 3, 5);

    /** A double batch of random frames: samples of different widths, zero padding. */
    static Batch frames(DataType type, int[] widths, int channels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int w = 0;
        for (int x : widths) w = Math.max(w, x);
        int[] hs = new int[widths.length];
        java.util.Arrays.fill(hs, 1);
        Batch b = new Batch(new Tensor(type, 1));
        b.reshape(widths.length, 1, w, channels, hs, widths);
        b.zero();
        for (int s = 0; s < widths.length; s++) {
            for (int x = 0; x < widths[s]; x++) {
                for (int c = 0; c < channels; c++) b.set(s, 0, x, c, rnd.nextDouble(-1, 1));
            }
        }
        return b;
    }

    @Test
    void everyParameterAndTheEncoderFramesMatchFiniteDifferences() {
        AttentionDecoder dec = new AttentionDecoder(DataType.DOUBLE, DIMS);
        dec.initialize(new SplittableRandom(3));
        // livelier than the initialisation: every path of the gradient carries weight
        SplittableRandom rnd = new SplittableRandom(5);
        for (Param p : dec.params()) {
            for (int i = 0; i < p.size(); i++) p.value().set(i, p.value().get(i) + rnd.nextDouble(-0.3, 0.3));
        }
        Batch enc = frames(DataType.DOUBLE, new int[] {7, 4, 6}, DIMS.features(), 11);
        int[][] targets = {{1, 3, 2, 4}, {2}, {4, 4, 1}};
        double scale = 1.0 / AttentionDecoder.tokens(targets);
        Batch dEnc = new Batch(new Tensor(DataType.DOUBLE, 1));
        List<GradientCheck.Result> results = new ArrayList<>(GradientCheck.checkParams(dec.params(),
                () -> dec.loss(enc, targets, scale), () -> dec.train(enc, targets, scale, dEnc), 7, 1e-6, 40));
        for (GradientCheck.Result r : results) {
            assertTrue(r.passes(1e-6), r.toString());
            assertTrue(r.checked() > 0 && r.maxAbsoluteError() < 1e-8, r.toString());
        }
        for (Param p : dec.params()) {
            double max = 0;
            for (int i = 0; i < p.size(); i++) max = Math.max(max, Math.abs(p.grad().get(i)));
            assertTrue(max > 1e-3, p + ": gradients large enough to be checked, max " + max);
        }
        // the encoder frames
        dec.zeroGrad();
        dec.train(enc, targets, scale, dEnc);
        double[] analytic = dEnc.data().toDoubles(enc.size());
        double worst = 0;
        for (int s = 0; s < enc.n(); s++) {
            for (int x = 0; x < enc.width(); x++) {
                for (int c = 0; c < enc.channels(); c++) {
                    int i = enc.offset(s, 0, x) + c;
                    if (x >= enc.width(s)) {
                        assertEquals(0, analytic[i], "padded frame " + x + " of sample " + s + " gets no gradient");
                        continue;
                    }
                    double v = enc.data().get(i);
                    enc.data().set(i, v + 1e-6);
                    double lp = dec.loss(enc, targets, scale);
                    enc.data().set(i, v - 1e-6);
                    double lm = dec.loss(enc, targets, scale);
                    enc.data().set(i, v);
                    worst = Math.max(worst, GradientCheck.relative((lp - lm) / 2e-6, analytic[i]));
                }
            }
        }
        assertTrue(worst < 1e-6, "encoder gradient relative error " + worst);
    }

    @Test
    void aSampleScoresTheSameAloneAsInABatchAndStepByStep() {
        AttentionDecoder dec = new AttentionDecoder(DataType.DOUBLE, DIMS);
        dec.initialize(new SplittableRandom(8));
        Batch enc = frames(DataType.DOUBLE, new int[] {6, 3}, DIMS.features(), 2);
        int[][] targets = {{1, 2, 3}, {4, 1}};
        Batch alone = frames(DataType.DOUBLE, new int[] {3}, DIMS.features(), 99);
        for (int x = 0; x < 3; x++) {
            for (int c = 0; c < DIMS.features(); c++) alone.set(0, 0, x, c, enc.get(1, 0, x, c));
        }
        double both = dec.loss(enc, targets, 1);
        double first = dec.loss(frames(DataType.DOUBLE, new int[] {6}, DIMS.features(), 2), new int[][] {targets[0]}, 1);
        double second = dec.loss(alone, new int[][] {targets[1]}, 1);
        assertEquals(both, first + second, 1e-9);
        // the inference reader: the same log-likelihood, step by step
        Weights weights = dec.weights();
        double[] values = new double[3 * DIMS.features()];
        for (int x = 0; x < 3; x++) {
            for (int c = 0; c < DIMS.features(); c++) values[x * DIMS.features() + c] = alone.get(0, 0, x, c);
        }
        Weights.Reader reader = weights.read(values, 3);
        Weights.State st = reader.start();
        double nll = 0;
        int token = 0;
        for (int y : new int[] {4, 1, 0}) {
            Weights.Step step = reader.step(st, token);
            nll -= step.logProbs()[y];
            double mass = 0;
            for (double a : step.state().alpha()) mass += a;
            assertEquals(1, mass, 1e-12, "attention weights sum to one");
            st = step.state();
            token = y;
        }
        assertEquals(second, nll, 1e-9);
        // a beam in which two hypotheses extend the same one (they share its state) steps as each one alone
        Weights.State a = reader.step(reader.start(), 0).state();
        Weights.State b = reader.step(reader.start(), 0).state();
        Weights.State c = reader.step(a, 2).state();
        Weights.Step[] beam = reader.steps(new Weights.State[] {a, c, a, b}, new int[] {1, 3, 4, 4});
        int[] tokens = {1, 3, 4, 4};
        Weights.State[] each = {a, c, a, b};
        for (int i = 0; i < beam.length; i++) {
            Weights.Step one = reader.step(each[i], tokens[i]);
            assertArrayEquals(one.logProbs(), beam[i].logProbs(), 1e-12, "hypothesis " + i);
            assertArrayEquals(one.state().alpha(), beam[i].state().alpha(), 1e-12);
            assertArrayEquals(one.state().s(), beam[i].state().s(), 1e-12);
            assertArrayEquals(one.state().coverage(), beam[i].state().coverage(), 1e-12);
        }
    }

    @Test
    void windowedAttentionIsTheFullSoftmaxRenormalisedOverTheFramesNearThePreviousMedian() {
        AttentionDecoder dec = new AttentionDecoder(DataType.DOUBLE, DIMS);
        dec.initialize(new SplittableRandom(4));
        int frames = 12;
        Batch enc = frames(DataType.DOUBLE, new int[] {frames}, DIMS.features(), 6);
        double[] values = enc.data().toDoubles(frames * DIMS.features());
        Weights.Reader full = dec.weights().read(values, frames);
        Weights.Reader windowed = full.windowed(2);
        assertEquals(2, windowed.window());
        // the first step has no previous attention: every frame, as without a window
        Weights.Step f0 = full.step(full.start(), 0);
        Weights.Step w0 = windowed.step(windowed.start(), 0);
        assertArrayEquals(f0.state().alpha(), w0.state().alpha(), 0);
        assertArrayEquals(f0.logProbs(), w0.logProbs(), 0);
        // a previous attention with its median at frame 6: the window is frames 4..8
        double[] prev = new double[frames];
        prev[5] = 0.2;
        prev[6] = 0.5;
        prev[7] = 0.3;
        assertEquals(6, Weights.median(prev));
        Weights.State st = new Weights.State(f0.state().s(), f0.state().c(), prev, prev.clone());
        double[] a = full.step(st, 3).state().alpha();
        double[] aw = windowed.step(st, 3).state().alpha();
        double inside = 0;
        for (int j = 4; j <= 8; j++) inside += a[j];
        assertTrue(inside < 1 - 1e-6, "the full attention has weight outside the window, " + inside);
        double mass = 0;
        for (int j = 0; j < frames; j++) {
            if (j < 4 || j > 8) assertEquals(0, aw[j], "frame " + j + " outside the window");
            else assertEquals(a[j] / inside, aw[j], 1e-12, "frame " + j);
            mass += aw[j];
        }
        assertEquals(1, mass, 1e-12);
        // a window as wide as the line is no window
        Weights.Step wide = full.windowed(frames).step(st, 3);
        Weights.Step exact = full.step(st, 3);
        assertArrayEquals(exact.logProbs(), wide.logProbs(), 1e-15);
        assertArrayEquals(exact.state().alpha(), wide.state().alpha(), 1e-15);
        assertEquals(-1, Weights.median(new double[4]));
        assertEquals(0, Weights.median(new double[] {0.6, 0.4}));
        assertEquals(1, Weights.median(new double[] {0.25, 0.25, 0.5}));
        assertEquals(1, Weights.median(new double[] {0.1, 0.1, 0.1, 0.1}), "weights summing below 1: half their total");
    }
}
