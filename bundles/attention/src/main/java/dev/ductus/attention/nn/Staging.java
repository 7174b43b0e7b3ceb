package dev.ductus.attention.nn;

import dev.ductus.nn.layer.Param;
import dev.ductus.nn.tensor.Parallel;
import dev.ductus.nn.tensor.Tensor;

/**
 * What the attention layers share: their arithmetic runs in Java on double arrays staged from and to the tensors
 * (float or double), parameter gradients are summed there and added once, and the samples of a batch are split over
 * the cores in fixed parts (so the sums, part by part, are deterministic).
 */
final class Staging {
    private float[] scratch = new float[0];

    /** The body of a loop over the samples [from, to) of one part. */
    @FunctionalInterface
    interface PartBody {
        void run(int part, int from, int to);
    }

    void load(Tensor t, int off, double[] dst, int dOff, int len) {
        if (t.floats() == null) {
            t.doubles().get(off, dst, dOff, len);
            return;
        }
        if (scratch.length < len) scratch = new float[len];
        t.read(off, scratch, 0, len);
        for (int i = 0; i < len; i++) dst[dOff + i] = scratch[i];
    }

    void store(double[] src, int sOff, Tensor t, int off, int len) {
        if (t.floats() == null) {
            t.doubles().put(off, src, sOff, len);
            return;
        }
        if (scratch.length < len) scratch = new float[len];
        for (int i = 0; i < len; i++) scratch[i] = (float) src[sOff + i];
        t.write(off, scratch, 0, len);
    }

    static double[] values(Param p) {
        return p.value().toDoubles(p.size());
    }

    static void addGrad(Param p, double[] g) {
        Tensor t = p.grad();
        for (int i = 0; i < g.length; i++) t.add(i, g[i]);
    }

    static void sum(double[] into, double[] part) {
        for (int i = 0; i < into.length; i++) into[i] += part[i];
    }

    /** Parts n samples are split into: the cores, with at least {@code minPerPart} samples each. */
    static int parts(int n, int minPerPart) {
        return Math.max(1, Math.min(Parallel.THREADS, n / Math.max(1, minPerPart)));
    }

    /** Runs the body over the parts of [0, n) at once (the calling thread and the common pool). */
    static void forParts(int n, int parts, PartBody body) {
        if (parts <= 1) {
            body.run(0, 0, n);
            return;
        }
        java.util.stream.IntStream.range(0, parts).parallel().forEach(p -> {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            if (from < to) body.run(p, from, to);
        });
    }
}
