package dev.ductus.nn.loss;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.stream.IntStream;

/**
 * Connectionist temporal classification: -log p(labels | x) summed over all alignments (blanks between
 * symbols, repeats collapsed), by the forward-backward dynamic programme in log space, and its gradient
 * with respect to the logits with the softmax fused in: d nll / d u(t,k) = y(t,k) - occupation(t,k).
 * Sequences of a batch have their own lengths (the batch widths) and are computed in parallel.
 */
public final class CtcLoss {
    /** How per-sequence losses combine into the batch loss (and scale the gradient). */
    public enum Reduction {
        /** The sum of the negative log-likelihoods. */
        SUM,
        /** The mean over sequences (the average nll per line). */
        MEAN,
        /** PyTorch's 'mean': each nll divided by its label length (at least 1), then averaged. */
        MEAN_PER_LABEL
    }

    /** The batch loss, each sequence's nll (infinite when no alignment fits) and which ones were infeasible. */
    public record Result(double loss, double[] nll, int infeasible) {
    }

    private final int blank;

    public CtcLoss(int blank) {
        this.blank = blank;
    }

    public int blank() {
        return blank;
    }

    /**
     * Computes the loss of {@code logits} ([N, 1, T, K], per-sample frames = widths) against the labels and,
     * when {@code grad} is not null, shapes it like the logits and fills it with d loss / d logits
     * (zero at padded frames and for infeasible sequences, which are left out of the loss).
     */
    public Result compute(Batch logits, int[][] labels, Reduction reduction, Batch grad) {
        int n = logits.n();
        if (labels.length != n) throw new IllegalArgumentException(labels.length + " label sequences for " + n + " inputs");
        if (logits.height() != 1) throw new IllegalArgumentException("CTC needs sequences (height 1), got " + logits);
        if (grad != null) {
            grad.reshapeLike(logits, logits.channels());
            grad.zero();
        }
        double[] nll = new double[n];
        double[] weight = new double[n];
        for (int s = 0; s < n; s++) {
            weight[s] = switch (reduction) {
                case SUM -> 1;
                case MEAN -> 1.0 / n;
                case MEAN_PER_LABEL -> 1.0 / (n * Math.max(1, labels[s].length));
            };
        }
        IntStream.range(0, n).parallel().forEach(s -> nll[s] = sequence(logits, s, labels[s], weight[s], grad));
        double loss = 0;
        int infeasible = 0;
        for (int s = 0; s < n; s++) {
            if (Double.isInfinite(nll[s])) infeasible++;
            else loss += weight[s] * nll[s];
        }
        return new Result(loss, nll, infeasible);
    }

    private double sequence(Batch logits, int s, int[] label, double weight, Batch grad) {
        int frames = logits.width(s);
        int k = logits.channels();
        int states = 2 * label.length + 1;
        Tensor x = logits.data();
        int base = logits.offset(s, 0, 0);
        double[] lp = new double[frames * k];
        for (int t = 0; t < frames; t++) {
            int o = base + t * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) max = Math.max(max, x.get(o + c));
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.exp(x.get(o + c) - max);
            double lse = max + Math.log(sum);
            for (int c = 0; c < k; c++) lp[t * k + c] = x.get(o + c) - lse;
        }
        int[] ext = new int[states];
        for (int i = 0; i < states; i++) ext[i] = i % 2 == 0 ? blank : label[i / 2];
        for (int l : label) {
            if (l < 0 || l >= k || l == blank) throw new IllegalArgumentException("label " + l + " outside 1.." + (k - 1));
        }
        if (frames == 0) return label.length == 0 ? 0 : Double.POSITIVE_INFINITY;
        double[] alpha = new double[frames * states];
        double[] beta = new double[frames * states];
        java.util.Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(beta, Double.NEGATIVE_INFINITY);
        alpha[0] = lp[ext[0]];
        if (states > 1) alpha[1] = lp[ext[1]];
        for (int t = 1; t < frames; t++) {
            int r = t * states;
            int p = r - states;
            // states that cannot reach the end in the frames left, or be reached by now, stay -inf
            int lo = Math.max(0, states - 2 * (frames - t));
            int hi = Math.min(states, 2 * (t + 1));
            for (int i = lo; i < hi; i++) {
                double a = alpha[p + i];
                if (i > 0) a = logAdd(a, alpha[p + i - 1]);
                if (i > 1 && ext[i] != blank && ext[i] != ext[i - 2]) a = logAdd(a, alpha[p + i - 2]);
                alpha[r + i] = a + lp[t * k + ext[i]];
            }
        }
        int last = (frames - 1) * states;
        double logP = alpha[last + states - 1];
        if (states > 1) logP = logAdd(logP, alpha[last + states - 2]);
        if (Double.isInfinite(logP)) {
            if (grad != null) grad.data().zero(base, base + frames * k);
            return Double.POSITIVE_INFINITY;
        }
        if (grad == null) return -logP;
        beta[last + states - 1] = lp[(frames - 1) * k + ext[states - 1]];
        if (states > 1) beta[last + states - 2] = lp[(frames - 1) * k + ext[states - 2]];
        for (int t = frames - 2; t >= 0; t--) {
            int r = t * states;
            int nx = r + states;
            int lo = Math.max(0, states - 2 * (frames - t));
            int hi = Math.min(states, 2 * (t + 1));
            for (int i = lo; i < hi; i++) {
                double b = beta[nx + i];
                if (i + 1 < states) b = logAdd(b, beta[nx + i + 1]);
                if (i + 2 < states && ext[i] != blank && ext[i] != ext[i + 2]) b = logAdd(b, beta[nx + i + 2]);
                beta[r + i] = b + lp[t * k + ext[i]];
            }
        }
        Tensor g = grad.data();
        double[] occ = new double[k];
        for (int t = 0; t < frames; t++) {
            java.util.Arrays.fill(occ, Double.NEGATIVE_INFINITY);
            int r = t * states;
            for (int i = 0; i < states; i++) occ[ext[i]] = logAdd(occ[ext[i]], alpha[r + i] + beta[r + i]);
            int o = base + t * k;
            for (int c = 0; c < k; c++) {
                double y = Math.exp(lp[t * k + c]);
                double post = Double.isInfinite(occ[c]) ? 0 : Math.exp(occ[c] - lp[t * k + c] - logP);
                g.set(o + c, weight * (y - post));
            }
        }
        return -logP;
    }

    static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
    }
}
