package dev.ductus.nn.loss;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;

/**
 * Frame-level cross-entropy with the softmax fused: for each frame with a target class, -log softmax(u)[target],
 * averaged over the counted frames; gradient softmax(u) - onehot(target). For hybrid HMM systems, whose targets
 * come from forced alignment. A target of {@link #IGNORE} (or a padded frame) is not counted.
 */
public final class FrameCrossEntropy {
    public static final int IGNORE = -1;

    /** Mean loss over the counted frames, their number, and how many had a wrong arg-max (frame errors). */
    public record Result(double loss, int frames, int errors) {
        public double frameErrorRate() {
            return frames == 0 ? 0 : (double) errors / frames;
        }
    }

    /**
     * @param logits  [N, H, W, K]; targets are per position of the valid region, row-major (y * width(s) + x)
     * @param targets per sample, the class of every valid position, or IGNORE
     * @param grad    filled with d loss / d logits when not null
     */
    public Result compute(Batch logits, int[][] targets, Batch grad) {
        int k = logits.channels();
        if (grad != null) {
            grad.reshapeLike(logits, k);
            grad.zero();
        }
        Tensor x = logits.data();
        int counted = 0;
        for (int s = 0; s < logits.n(); s++) {
            int expected = logits.height(s) * logits.width(s);
            if (targets[s].length != expected) {
                throw new IllegalArgumentException("sample " + s + ": " + targets[s].length + " targets for " + expected + " frames");
            }
            for (int tg : targets[s]) if (tg != IGNORE) counted++;
        }
        double loss = 0;
        int errors = 0;
        double[] p = new double[k];
        for (int s = 0; s < logits.n(); s++) {
            int w = logits.width(s);
            for (int i = 0; i < targets[s].length; i++) {
                int target = targets[s][i];
                if (target == IGNORE) continue;
                if (target < 0 || target >= k) throw new IllegalArgumentException("target " + target + " outside 0.." + (k - 1));
                int o = logits.offset(s, i / w, i % w);
                double max = Double.NEGATIVE_INFINITY;
                int best = 0;
                for (int c = 0; c < k; c++) {
                    double v = x.get(o + c);
                    if (v > max) {
                        max = v;
                        best = c;
                    }
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    p[c] = Math.exp(x.get(o + c) - max);
                    sum += p[c];
                }
                loss += -(x.get(o + target) - max - Math.log(sum));
                if (best != target) errors++;
                if (grad != null) {
                    for (int c = 0; c < k; c++) {
                        grad.data().set(o + c, (p[c] / sum - (c == target ? 1 : 0)) / counted);
                    }
                }
            }
        }
        return new Result(counted == 0 ? 0 : loss / counted, counted, errors);
    }
}
