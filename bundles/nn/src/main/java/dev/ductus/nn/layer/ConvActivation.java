package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Parallel;
import dev.ductus.nn.tensor.Tensor;

/**
 * The element-wise passes of a convolution: bias and activation, optionally fused with the max pooling that
 * follows (act is monotonic, so max(act(z + b)) = act(max(z) + b)), and their gradients. Float maps are staged
 * through Java arrays a row or a sample at a time; double maps take the plain path.
 */
final class ConvActivation {
    private ConvActivation() {
    }

    /** out = act(out + bias) at valid positions, zero elsewhere. */
    static void biasActivate(Batch out, Tensor bias, Nonlinearity act) {
        int ho = out.height();
        int wo = out.width();
        int f = out.channels();
        float[] b = bias.floats() != null ? bias.toFloats(f) : null;
        Parallel.range(out.n() * ho, Math.max(1, 8192 / Math.max(1, wo * f)), (from, to) -> {
            float[] row = b != null ? new float[wo * f] : null;
            for (int r = from; r < to; r++) {
                int s = r / ho;
                int oy = r % ho;
                int o = out.offset(s, oy, 0);
                int valid = oy < out.height(s) ? out.width(s) * f : 0;
                if (b != null) {
                    out.data().read(o, row, 0, wo * f);
                    for (int i = 0; i < valid; i += f) {
                        for (int c = 0; c < f; c++) row[i + c] = activate(act, row[i + c] + b[c]);
                    }
                    java.util.Arrays.fill(row, valid, wo * f, 0f);
                    out.data().write(o, row, 0, wo * f);
                } else {
                    Tensor y = out.data();
                    for (int i = 0; i < valid; i += f) {
                        for (int c = 0; c < f; c++) y.set(o + i + c, act.apply(y.get(o + i + c) + bias.get(c)));
                    }
                    y.zero(o + valid, o + wo * f);
                }
            }
        });
    }

    static float activate(Nonlinearity act, float v) {
        return switch (act) {
            case LEAKY -> v > 0 ? v : (float) Nonlinearity.LEAKY_SLOPE * v;
            case RELU -> v > 0 ? v : 0f;
            case NONE -> v;
            default -> (float) act.apply(v);
        };
    }

    static float derivative(Nonlinearity act, float y) {
        return switch (act) {
            case LEAKY -> y > 0 ? 1f : (float) Nonlinearity.LEAKY_SLOPE;
            case RELU -> y > 0 ? 1f : 0f;
            case NONE -> 1f;
            default -> (float) act.derivativeFromOutput(y);
        };
    }

    /** g = g * act'(out) in place over all positions (zero at padding), bias gradient added into dbias. */
    static void activationGradient(Batch g, Batch out, Nonlinearity act, Tensor dbias) {
        int f = out.channels();
        int total = out.size();
        Object lock = new Object();
        Parallel.range(out.positions(), 8192, (from, to) -> {
            double[] acc = new double[f];
            if (g.data().floats() != null) {
                int chunk = 1024 * f;
                float[] gb = new float[chunk];
                float[] yb = new float[chunk];
                for (int i = from * f; i < to * f; i += chunk) {
                    int len = Math.min(chunk, to * f - i);
                    g.data().read(i, gb, 0, len);
                    out.data().read(i, yb, 0, len);
                    for (int j = 0; j < len; j++) gb[j] *= derivative(act, yb[j]);
                    for (int j = 0; j < len; j++) acc[j % f] += gb[j];
                    g.data().write(i, gb, 0, len);
                }
            } else {
                for (int i = from * f; i < to * f && i < total; i++) {
                    double d = g.data().get(i) * act.derivativeFromOutput(out.data().get(i));
                    g.data().set(i, d);
                    acc[i % f] += d;
                }
            }
            synchronized (lock) {
                for (int c = 0; c < f; c++) dbias.add(c, acc[c]);
            }
        });
    }

    /** out = act(max over each poolH x poolW window of pre + bias); argmax gets the pre index of each maximum. */
    static void poolActivate(Batch pre, Batch out, int[] argmax, int poolH, int poolW, Tensor bias, Nonlinearity act) {
        int ho = out.height();
        int f = out.channels();
        Parallel.range(out.n() * ho, Math.max(1, 8192 / Math.max(1, out.width() * f)), (from, to) -> {
            if (pre.data().floats() != null) {
                float[] b = bias.toFloats(f);
                float[] rows = new float[poolH * pre.width() * f];
                float[] row = new float[out.width() * f];
                for (int r = from; r < to; r++) poolRowFloat(pre, out, argmax, poolH, poolW, b, act, r / ho, r % ho, rows, row);
            } else {
                for (int r = from; r < to; r++) poolRowGeneric(pre, out, argmax, poolH, poolW, bias, act, r / ho, r % ho);
            }
        });
    }

    private static void poolRowFloat(Batch pre, Batch out, int[] argmax, int poolH, int poolW, float[] b,
                                     Nonlinearity act, int s, int oy, float[] rows, float[] row) {
        int f = out.channels();
        int wo = out.width();
        int rowLen = pre.width() * f;
        int o0 = out.offset(s, oy, 0);
        int validW = oy < out.height(s) ? out.width(s) : 0;
        int y0 = oy * poolH;
        int y1 = Math.min(y0 + poolH, pre.height(s));
        int wv = pre.width(s);
        for (int iy = y0; iy < y1; iy++) pre.data().read(pre.offset(s, iy, 0), rows, (iy - y0) * rowLen, wv * f);
        int preRow0 = pre.offset(s, y0, 0);
        for (int ox = 0; ox < validW; ox++) {
            int x0 = ox * poolW;
            int x1 = Math.min(x0 + poolW, wv);
            for (int c = 0; c < f; c++) {
                int bestAt = x0 * f + c;
                float best = rows[bestAt];
                for (int iy = 0; iy < y1 - y0; iy++) {
                    int base = iy * rowLen + c;
                    for (int ix = x0; ix < x1; ix++) {
                        float v = rows[base + ix * f];
                        if (v > best) {
                            best = v;
                            bestAt = base + ix * f;
                        }
                    }
                }
                row[ox * f + c] = activate(act, best + b[c]);
                // rows hold whole pre rows from y0, so the local index maps straight back
                argmax[o0 + ox * f + c] = preRow0 + bestAt;
            }
        }
        java.util.Arrays.fill(row, validW * f, wo * f, 0f);
        java.util.Arrays.fill(argmax, o0 + validW * f, o0 + wo * f, -1);
        out.data().write(o0, row, 0, wo * f);
    }

    private static void poolRowGeneric(Batch pre, Batch out, int[] argmax, int poolH, int poolW, Tensor bias,
                                       Nonlinearity act, int s, int oy) {
        int f = out.channels();
        Tensor z = pre.data();
        Tensor y = out.data();
        for (int ox = 0; ox < out.width(); ox++) {
            int o = out.offset(s, oy, ox);
            if (oy >= out.height(s) || ox >= out.width(s)) {
                y.zero(o, o + f);
                for (int c = 0; c < f; c++) argmax[o + c] = -1;
                continue;
            }
            int y1 = Math.min(oy * poolH + poolH, pre.height(s));
            int x1 = Math.min(ox * poolW + poolW, pre.width(s));
            for (int c = 0; c < f; c++) {
                double best = Double.NEGATIVE_INFINITY;
                int at = -1;
                for (int iy = oy * poolH; iy < y1; iy++) {
                    for (int ix = ox * poolW; ix < x1; ix++) {
                        int i = pre.offset(s, iy, ix) + c;
                        if (z.get(i) > best) {
                            best = z.get(i);
                            at = i;
                        }
                    }
                }
                y.set(o + c, act.apply(best + bias.get(c)));
                argmax[o + c] = at;
            }
        }
    }

    /**
     * Backward of {@link #poolActivate}: the gradient through the activation at each pooled output goes to the
     * pre position of its maximum; the pre map's memory receives dz (zero elsewhere). Bias gradient into dbias.
     */
    static void unpool(Batch g, Batch out, Batch pre, int[] argmax, Nonlinearity act, Tensor dbias) {
        int f = out.channels();
        int per = out.height() * out.width() * f;
        int prePer = pre.height() * pre.width() * f;
        Object lock = new Object();
        Parallel.range(out.n(), 1, (from, to) -> {
            double[] acc = new double[f];
            boolean fl = g.data().floats() != null;
            float[] gb = fl ? new float[per] : null;
            float[] yb = fl ? new float[per] : null;
            float[] dz = fl ? new float[prePer] : null;
            for (int s = from; s < to; s++) {
                int o0 = s * per;
                int p0 = s * prePer;
                if (fl) {
                    g.data().read(o0, gb, 0, per);
                    out.data().read(o0, yb, 0, per);
                    java.util.Arrays.fill(dz, 0f);
                    for (int i = 0; i < per; i++) {
                        int at = argmax[o0 + i];
                        if (at < 0) continue;
                        float d = gb[i] * derivative(act, yb[i]);
                        dz[at - p0] = d;
                        acc[i % f] += d;
                    }
                    pre.data().write(p0, dz, 0, prePer);
                } else {
                    pre.data().zero(p0, p0 + prePer);
                    for (int i = 0; i < per; i++) {
                        int at = argmax[o0 + i];
                        if (at < 0) continue;
                        double d = g.data().get(o0 + i) * act.derivativeFromOutput(out.data().get(o0 + i));
                        pre.data().set(at, d);
                        acc[i % f] += d;
                    }
                }
            }
            synchronized (lock) {
                for (int c = 0; c < f; c++) dbias.add(c, acc[c]);
            }
        });
    }
}
