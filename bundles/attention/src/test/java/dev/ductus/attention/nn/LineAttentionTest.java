package dev.ductus.attention.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.nn.check.GradientCheck;
import dev.ductus.nn.layer.Dense;
import dev.ductus.nn.layer.Nonlinearity;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.loss.CtcLoss;
import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.optim.GradientClipping;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class LineAttentionTest {
    static Batch map(DataType type, int[] hs, int[] ws, int channels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int h = Arrays.stream(hs).max().orElse(1);
        int w = Arrays.stream(ws).max().orElse(1);
        Batch b = new Batch(new Tensor(type, 1));
        b.reshape(hs.length, h, w, channels, hs, ws);
        b.zero();
        for (int s = 0; s < hs.length; s++) {
            for (int y = 0; y < hs[s]; y++) {
                for (int x = 0; x < ws[s]; x++) {
                    for (int c = 0; c < channels; c++) b.set(s, y, x, c, rnd.nextDouble(-1, 1));
                }
            }
        }
        return b;
    }

    private static double linear(Batch out, double[] weights) {
        double s = 0;
        for (int i = 0; i < weights.length; i++) s += weights[i] * out.data().get(i);
        return s;
    }

    @Test
    void everyParameterAndTheMapMatchFiniteDifferences() {
        LineAttention.Dims dims = new LineAttention.Dims(3, 4, 2, 3, 3);
        LineAttention att = new LineAttention(DataType.DOUBLE, dims);
        att.initialize(new SplittableRandom(1), 1.5);
        SplittableRandom rnd = new SplittableRandom(2);
        for (Param p : att.params()) for (int i = 0; i < p.size(); i++) p.value().set(i, p.value().get(i) + rnd.nextDouble(-0.4, 0.4));
        Batch enc = map(DataType.DOUBLE, new int[] {5, 4}, new int[] {4, 3}, 3, 3);
        int[] steps = {3, 2};
        Batch out = new Batch(new Tensor(DataType.DOUBLE, 1));
        att.forward(enc, steps, out);
        double[] weights = new double[out.size()];
        for (int i = 0; i < weights.length; i++) weights[i] = rnd.nextDouble(-1, 1);
        Batch grad = new Batch(new Tensor(DataType.DOUBLE, 1));
        Batch dEnc = new Batch(new Tensor(DataType.DOUBLE, 1));
        List<GradientCheck.Result> results = GradientCheck.checkParams(att.params(), () -> linear(att.forward(enc, steps, out), weights), () -> {
            att.forward(enc, steps, out);
            grad.reshapeLike(out, out.channels());
            for (int i = 0; i < weights.length; i++) grad.data().set(i, weights[i]);
            grad.zeroPadding();
            att.backward(grad, dEnc);
        }, 5, 1e-6, 40);
        for (GradientCheck.Result r : results) assertTrue(r.passes(1e-6) && r.maxAbsoluteError() < 1e-8, r.toString());
        for (Param p : att.params()) {
            double max = 0;
            for (int i = 0; i < p.size(); i++) max = Math.max(max, Math.abs(p.grad().get(i)));
            assertTrue(max > 1e-4, p + ": gradient large enough to check, max " + max);
        }
        double[] analytic = dEnc.data().toDoubles(enc.size());
        double worst = 0;
        for (int s = 0; s < enc.n(); s++) {
            for (int y = 0; y < enc.height(); y++) {
                for (int x = 0; x < enc.width(); x++) {
                    for (int c = 0; c < 3; c++) {
                        int i = enc.offset(s, y, x) + c;
                        if (!enc.valid(s, y, x)) {
                            assertEquals(0, analytic[i]);
                            continue;
                        }
                        double v0 = enc.data().get(i);
                        enc.data().set(i, v0 + 1e-6);
                        double lp = linear(att.forward(enc, steps, out), weights);
                        enc.data().set(i, v0 - 1e-6);
                        double lm = linear(att.forward(enc, steps, out), weights);
                        enc.data().set(i, v0);
                        worst = Math.max(worst, GradientCheck.relative((lp - lm) / 2e-6, analytic[i]));
                    }
                }
            }
        }
        assertTrue(worst < 1e-6, "map gradient relative error " + worst);
    }

    @Test
    void theGuideLossOnLineBandsMatchesFiniteDifferences() {
        LineAttention.Dims dims = new LineAttention.Dims(3, 4, 2, 3, 3);
        LineAttention att = new LineAttention(DataType.DOUBLE, dims);
        att.initialize(new SplittableRandom(1), 1.5);
        SplittableRandom rnd = new SplittableRandom(7);
        for (Param p : att.params()) for (int i = 0; i < p.size(); i++) p.value().set(i, p.value().get(i) + rnd.nextDouble(-0.4, 0.4));
        Batch enc = map(DataType.DOUBLE, new int[] {6, 5}, new int[] {4, 3}, 3, 3);
        int[] steps = {3, 2};
        // sample 0: bands on steps 0 and 1 (one reaching past the map, clipped), none on the last; sample 1: step 0 only
        LineAttention.Band[][] bands = {
                {new LineAttention.Band(0, 1, 0, 3), new LineAttention.Band(2, 3, 1, 9), null},
                {new LineAttention.Band(1, 2, 0, 2)}};
        Batch out = new Batch(new Tensor(DataType.DOUBLE, 1));
        att.forward(enc, steps, out);
        double[] weights = new double[out.size()];
        for (int i = 0; i < weights.length; i++) weights[i] = 0.3 * rnd.nextDouble(-1, 1);
        Batch grad = new Batch(new Tensor(DataType.DOUBLE, 1));
        Batch dEnc = new Batch(new Tensor(DataType.DOUBLE, 1));
        double w = 0.7;
        List<GradientCheck.Result> results = GradientCheck.checkParams(att.params(), () -> {
            double reading = linear(att.forward(enc, steps, out), weights);
            return reading + att.guide(bands, w);
        }, () -> {
            att.forward(enc, steps, out);
            att.guide(bands, w);
            grad.reshapeLike(out, out.channels());
            for (int i = 0; i < weights.length; i++) grad.data().set(i, weights[i]);
            grad.zeroPadding();
            att.backward(grad, dEnc);
        }, 5, 1e-6, 40);
        for (GradientCheck.Result r : results) assertTrue(r.passes(1e-6) && r.maxAbsoluteError() < 1e-8, r.toString());
        // the guide alone: its value is the cross-entropy computed by hand for one band
        att.forward(enc, steps, out);
        LineAttention.Band[][] one = {{new LineAttention.Band(2, 3, 1, 2)}, {}};
        double[] a = att.attention(0, 0);
        double want = 0;
        for (int x = 1; x <= 2; x++) want -= (Math.log(a[2 * 4 + x]) + Math.log(a[3 * 4 + x])) / 2 / 2;
        assertEquals(want, att.guide(one, 1), 1e-12);
        assertEquals(0, att.guide(new LineAttention.Band[][] {{}, {}}, 1), 0);
    }

    @Test
    void eachStepsAttentionIsADistributionOverEveryColumnsRows() {
        LineAttention att = new LineAttention(DataType.DOUBLE, new LineAttention.Dims(3, 4, 2, 3, 3));
        att.initialize(new SplittableRandom(1), 1);
        Batch enc = map(DataType.DOUBLE, new int[] {6}, new int[] {5}, 3, 9);
        att.forward(enc, new int[] {3}, new Batch(new Tensor(DataType.DOUBLE, 1)));
        for (int i = 0; i < 3; i++) {
            double[] a = att.attention(0, i);
            for (int x = 0; x < 5; x++) {
                double sum = 0;
                for (int y = 0; y < 6; y++) sum += a[y * 5 + x];
                assertEquals(1, sum, 1e-12);
            }
        }
    }

    /**
     * Two lines of symbols stacked in a map (one-hot channels on rows 1 and 4 of 6, blank rows between): the
     * attention with a CTC head learns to read the upper line at step 1 and the lower at step 2, and to attend
     * nowhere readable at step 3 (a blank-only line ends the paragraph).
     */
    @Test
    void learnsToReadTwoStackedLinesInOrder() {
        int symbols = 3;
        int channels = symbols + 1;   // the last channel marks ink-free rows
        LineAttention att = new LineAttention(DataType.FLOAT, new LineAttention.Dims(channels, 12, 4, 5, 3));
        att.initialize(new SplittableRandom(3), 1);
        Dense head = new Dense(DataType.FLOAT, new Shape(1, channels), symbols + 1, Nonlinearity.NONE);
        dev.ductus.nn.layer.Initialization.glorotUniform(head.weight(), channels, symbols + 1, new SplittableRandom(4));
        List<Param> all = new ArrayList<>(att.params());
        all.addAll(head.params());
        Adam adam = new Adam();
        CtcLoss ctc = new CtcLoss(0);
        SplittableRandom rnd = new SplittableRandom(5);
        Batch lines = new Batch(new Tensor(DataType.FLOAT, 1));
        Batch grad = new Batch(new Tensor(DataType.FLOAT, 1));
        for (int step = 0; step < 600; step++) {
            int n = 8;
            int[][][] text = new int[n][][];
            Batch enc = stacked(n, rnd, text, symbols);
            int[][] labels = new int[n * 3][];
            for (int s = 0; s < n; s++) {
                labels[s * 3] = text[s][0];
                labels[s * 3 + 1] = text[s][1];
                labels[s * 3 + 2] = new int[0];
            }
            int[] steps = new int[n];
            Arrays.fill(steps, 3);
            for (Param p : all) p.zeroGrad();
            Batch logits = head.forward(att.forward(enc, steps, lines), true);
            ctc.compute(logits, labels, CtcLoss.Reduction.MEAN, grad);
            att.backward(head.backward(grad), null);
            GradientClipping.clipGlobalNorm(all, 5);
            adam.step(all, step < 400 ? 0.02 : 0.005);
        }
        SplittableRandom held = new SplittableRandom(99);
        int errors = 0;
        List<String> wrong = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            int[][][] text = new int[1][][];
            Batch enc = stacked(1, held, text, symbols);
            Batch logits = head.forward(att.forward(enc, new int[] {3}, lines), false);
            for (int i = 0; i < 3; i++) {
                int[] want = i < 2 ? text[0][i] : new int[0];
                int[] got = greedy(logits, i, symbols + 1);
                if (!Arrays.equals(want, got)) {
                    errors++;
                    wrong.add(Arrays.toString(want) + " -> " + Arrays.toString(got));
                }
            }
        }
        assertEquals(0, errors, "lines read wrongly: " + wrong);
    }

    private static int[] greedy(Batch logits, int s, int k) {
        List<Integer> out = new ArrayList<>();
        int last = 0;
        for (int t = 0; t < logits.width(s); t++) {
            int best = 0;
            for (int c = 1; c < k; c++) if (logits.get(s, 0, t, c) > logits.get(s, 0, t, best)) best = c;
            if (best != 0 && best != last) out.add(best);
            last = best;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** n maps of 6 rows: line 1 on row 1, line 2 on row 4, symbols every other column (blank columns between). */
    private static Batch stacked(int n, SplittableRandom rnd, int[][][] text, int symbols) {
        int w = 12;
        int h = 6;
        int c = symbols + 1;
        int[] hs = new int[n];
        int[] ws = new int[n];
        Arrays.fill(hs, h);
        Arrays.fill(ws, w);
        Batch b = new Batch(new Tensor(DataType.FLOAT, 1));
        b.reshape(n, h, w, c, hs, ws);
        b.zero();
        for (int s = 0; s < n; s++) {
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) b.set(s, y, x, symbols, 1);
            text[s] = new int[2][];
            int[] rows = {1, 4};
            for (int l = 0; l < 2; l++) {
                int len = 2 + rnd.nextInt(4);
                text[s][l] = new int[len];
                for (int j = 0; j < len; j++) {
                    int sym = rnd.nextInt(symbols);
                    text[s][l][j] = sym + 1;
                    int x = 1 + 2 * j;
                    b.set(s, rows[l], x, symbols, 0);
                    b.set(s, rows[l], x, sym, 1);
                }
            }
        }
        return b;
    }
}
