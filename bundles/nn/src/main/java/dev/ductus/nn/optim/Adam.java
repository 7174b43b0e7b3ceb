package dev.ductus.nn.optim;

import dev.ductus.nn.layer.Param;
import dev.ductus.nn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Adam (Kingma and Ba) with bias correction, and L2 weight decay added to the gradient of decaying
 * parameters (as PyTorch's Adam weight_decay). The bias correction counts each parameter's own steps (as
 * PyTorch's per-parameter {@code state['step']}): a parameter that first takes part after N steps (an encoder
 * unfrozen after the head has trained) starts its count at 1, so its first updates have Adam's usual size
 * (about lr per weight) instead of the {@code 1/sqrt(1 - beta2^N)}-fold larger ones that the global count
 * would give its still-empty second moment. A parameter whose moments came from a checkpoint (not all zero)
 * counts from step 0, as before.
 */
public final class Adam implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final Map<Param, List<Tensor>> moments = new IdentityHashMap<>();
    /** The global step count at which each parameter took its first step. */
    private final Map<Param, Long> joined = new IdentityHashMap<>();
    private long steps;

    public Adam(double beta1, double beta2, double eps, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    public Adam() {
        this(0.9, 0.999, 1e-8, 0);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public List<Tensor> state(Param p) {
        return moments.computeIfAbsent(p, k -> {
            Tensor m = new Tensor(p.value().type(), p.size());
            Tensor v = new Tensor(p.value().type(), p.size());
            return List.of(m, v);
        });
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void restoreSteps(long s) {
        steps = s;
    }

    @Override
    public void step(List<Param> params, double rate, ToDoubleFunction<Param> factor) {
        steps++;
        for (Param p : params) {
            double lr = rate * factor.applyAsDouble(p);
            List<Tensor> st = state(p);
            Tensor m = st.get(0);
            Tensor v = st.get(1);
            long own = steps - joined.computeIfAbsent(p, k -> allZero(v, p.size()) ? steps - 1 : 0L);
            double c1 = 1 - Math.pow(beta1, own);
            double c2 = 1 - Math.pow(beta2, own);
            double stepSize = lr / c1;
            double sqrtC2 = Math.sqrt(c2);
            Tensor w = p.value();
            Tensor g = p.grad();
            double wd = p.decays() ? weightDecay : 0;
            int n = p.size();
            FloatBuffer wf = w.floats();
            if (wf != null) {
                FloatBuffer gf = g.floats();
                FloatBuffer mf = m.floats();
                FloatBuffer vf = v.floats();
                float b1 = (float) beta1;
                float b2 = (float) beta2;
                for (int i = 0; i < n; i++) {
                    float gi = gf.get(i) + (float) wd * wf.get(i);
                    float mi = b1 * mf.get(i) + (1 - b1) * gi;
                    float vi = b2 * vf.get(i) + (1 - b2) * gi * gi;
                    mf.put(i, mi);
                    vf.put(i, vi);
                    wf.put(i, wf.get(i) - (float) (stepSize * mi / (Math.sqrt(vi) / sqrtC2 + eps)));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    double gi = g.get(i) + wd * w.get(i);
                    double mi = beta1 * m.get(i) + (1 - beta1) * gi;
                    double vi = beta2 * v.get(i) + (1 - beta2) * gi * gi;
                    m.set(i, mi);
                    v.set(i, vi);
                    w.set(i, w.get(i) - stepSize * mi / (Math.sqrt(vi) / sqrtC2 + eps));
                }
            }
        }
    }

    private static boolean allZero(Tensor t, int n) {
        FloatBuffer f = t.floats();
        if (f != null) {
            for (int i = 0; i < n; i++) if (f.get(i) != 0) return false;
        } else {
            for (int i = 0; i < n; i++) if (t.get(i) != 0) return false;
        }
        return true;
    }
}
