package dev.ductus.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.nn.check.GradientCheck;
import dev.ductus.nn.layer.TestBatches;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class CtcLossTest {
    private static final DataType D = DataType.DOUBLE;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reference() throws IOException {
        try (InputStream in = CtcLossTest.class.getResourceAsStream("ctc_reference.json")) {
            return (Map<String, Object>) MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Batch sequenceBatch(List<double[][]> seqs) {
        int n = seqs.size();
        int[] ones = new int[n];
        int[] ws = new int[n];
        int w = 0;
        for (int s = 0; s < n; s++) {
            ones[s] = 1;
            ws[s] = seqs.get(s).length;
            w = Math.max(w, ws[s]);
        }
        int k = seqs.get(0)[0].length;
        Batch b = new Batch(new Tensor(D, 1)).reshape(n, 1, w, k, ones, ws);
        b.zero();
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < ws[s]; t++) {
                for (int c = 0; c < k; c++) b.set(s, 0, t, c, seqs.get(s)[t][c]);
            }
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static double[][] matrix(Object o) {
        List<Object> rows = (List<Object>) o;
        double[][] m = new double[rows.size()][];
        for (int t = 0; t < m.length; t++) {
            List<Object> r = (List<Object>) rows.get(t);
            m[t] = new double[r.size()];
            for (int c = 0; c < m[t].length; c++) m[t][c] = (Double) r.get(c);
        }
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void matchesPyTorchReferenceToOneInTenThousand() throws IOException {
        Map<String, Object> ref = reference();
        List<Map<String, Object>> seqs = (List<Map<String, Object>>) ref.get("sequences");
        List<double[][]> logits = new ArrayList<>();
        int[][] labels = new int[seqs.size()][];
        for (int s = 0; s < seqs.size(); s++) {
            logits.add(matrix(seqs.get(s).get("logits")));
            List<Object> l = (List<Object>) seqs.get(s).get("labels");
            labels[s] = l.stream().mapToInt(v -> ((Double) v).intValue()).toArray();
        }
        assertEquals(List.of(0, 7, 25), java.util.Arrays.stream(labels).map(l -> l.length).toList());
        Batch x = sequenceBatch(logits);
        Batch grad = new Batch(new Tensor(D, 1));
        CtcLoss ctc = new CtcLoss(0);
        CtcLoss.Result r = ctc.compute(x, labels, CtcLoss.Reduction.SUM, grad);
        for (int s = 0; s < seqs.size(); s++) {
            double nll = (Double) seqs.get(s).get("nll");
            assertEquals(nll, r.nll()[s], 1e-4, "nll of sequence " + s);
            double[][] g = matrix(seqs.get(s).get("grad_logits"));
            for (int t = 0; t < g.length; t++) {
                for (int c = 0; c < g[t].length; c++) {
                    assertEquals(g[t][c], grad.get(s, 0, t, c), 1e-4, "grad " + s + "," + t + "," + c);
                }
            }
        }
        CtcLoss.Result mean = ctc.compute(x, labels, CtcLoss.Reduction.MEAN_PER_LABEL, null);
        assertEquals((Double) ref.get("loss_mean_reduction"), mean.loss(), 1e-4);
    }

    @Test
    void equalsBruteForceOverAllPaths() {
        int frames = 4;
        int k = 3;
        int[] label = {1, 1};
        Batch x = TestBatches.random(D, new int[] {1}, new int[] {frames}, k, 3);
        double[][] p = new double[frames][k];
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.exp(x.get(0, 0, t, c));
            for (int c = 0; c < k; c++) p[t][c] = Math.exp(x.get(0, 0, t, c)) / sum;
        }
        double total = 0;
        int paths = (int) Math.pow(k, frames);
        for (int code = 0; code < paths; code++) {
            int[] path = new int[frames];
            int v = code;
            double prob = 1;
            for (int t = 0; t < frames; t++) {
                path[t] = v % k;
                v /= k;
                prob *= p[t][path[t]];
            }
            List<Integer> collapsed = new ArrayList<>();
            for (int t = 0; t < frames; t++) {
                if (path[t] != 0 && (t == 0 || path[t] != path[t - 1])) collapsed.add(path[t]);
            }
            if (collapsed.equals(List.of(1, 1))) total += prob;
        }
        CtcLoss.Result r = new CtcLoss(0).compute(x, new int[][] {label}, CtcLoss.Reduction.SUM, null);
        assertEquals(-Math.log(total), r.nll()[0], 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferencesWithVariableLengths() {
        Batch x = TestBatches.random(D, new int[] {1, 1, 1}, new int[] {7, 4, 6}, 5, 9);
        int[][] labels = {{1, 2, 2}, {4}, {3, 1, 3, 1}};
        CtcLoss ctc = new CtcLoss(0);
        Batch grad = new Batch(new Tensor(D, 1));
        ctc.compute(x, labels, CtcLoss.Reduction.MEAN_PER_LABEL, grad);
        double eps = 1e-6;
        double maxRel = 0;
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < x.width(); t++) {
                for (int c = 0; c < 5; c++) {
                    int i = x.offset(s, 0, t) + c;
                    if (t >= x.width(s)) {
                        assertEquals(0, grad.data().get(i), "padded frame gradient");
                        continue;
                    }
                    double v = x.data().get(i);
                    x.data().set(i, v + eps);
                    double lp = ctc.compute(x, labels, CtcLoss.Reduction.MEAN_PER_LABEL, null).loss();
                    x.data().set(i, v - eps);
                    double lm = ctc.compute(x, labels, CtcLoss.Reduction.MEAN_PER_LABEL, null).loss();
                    x.data().set(i, v);
                    maxRel = Math.max(maxRel, GradientCheck.relative((lp - lm) / (2 * eps), grad.data().get(i)));
                }
            }
        }
        assertTrue(maxRel < 1e-6, "max relative error " + maxRel);
    }

    @Test
    void infeasibleSequenceIsReportedAndGetsNoGradient() {
        // three different labels cannot fit in two frames; "aa" needs a blank between, so three frames
        Batch x = TestBatches.random(D, new int[] {1, 1}, new int[] {2, 2}, 4, 1);
        Batch grad = new Batch(new Tensor(D, 1));
        CtcLoss.Result r = new CtcLoss(0).compute(x, new int[][] {{1, 2, 3}, {2, 2}}, CtcLoss.Reduction.SUM, grad);
        assertEquals(2, r.infeasible());
        assertTrue(Double.isInfinite(r.nll()[0]));
        for (int i = 0; i < grad.size(); i++) assertEquals(0, grad.data().get(i));
        assertEquals(0, r.loss());
    }

    @Test
    void crossEntropyGradientAndFrameErrors() {
        Batch x = TestBatches.random(D, new int[] {1, 1}, new int[] {3, 2}, 4, 5);
        int[][] targets = {{0, 3, FrameCrossEntropy.IGNORE}, {2, 1}};
        FrameCrossEntropy ce = new FrameCrossEntropy();
        Batch grad = new Batch(new Tensor(D, 1));
        FrameCrossEntropy.Result r = ce.compute(x, targets, grad);
        assertEquals(4, r.frames());
        double eps = 1e-6;
        for (int i = 0; i < x.size(); i++) {
            double v = x.data().get(i);
            x.data().set(i, v + eps);
            double lp = ce.compute(x, targets, null).loss();
            x.data().set(i, v - eps);
            double lm = ce.compute(x, targets, null).loss();
            x.data().set(i, v);
            assertEquals((lp - lm) / (2 * eps), grad.data().get(i), 1e-8);
        }
        int errors = 0;
        int[][] flat = {{0, 3}, {2, 1}};
        int[][] pos = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        for (int[] sp : pos) {
            int best = 0;
            for (int c = 1; c < 4; c++) if (x.get(sp[0], 0, sp[1], c) > x.get(sp[0], 0, sp[1], best)) best = c;
            if (best != flat[sp[0]][sp[1]]) errors++;
        }
        assertEquals(errors, r.errors());
    }
}
