package dev.ductus.nn.optim;

import dev.ductus.nn.layer.Param;
import dev.ductus.nn.tensor.Tensor;
import java.util.List;

/** Scales all gradients down together when their global L2 norm exceeds a limit (RNN training safety). */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** @return the norm before clipping (NaN or infinite when a gradient is) */
    public static double clipGlobalNorm(List<Param> params, double maxNorm) {
        double sq = 0;
        for (Param p : params) {
            Tensor g = p.grad();
            for (int i = 0; i < p.size(); i++) {
                double v = g.get(i);
                sq += v * v;
            }
        }
        double norm = Math.sqrt(sq);
        if (maxNorm > 0 && norm > maxNorm && Double.isFinite(norm)) {
            double scale = maxNorm / norm;
            for (Param p : params) {
                Tensor g = p.grad();
                for (int i = 0; i < p.size(); i++) g.set(i, g.get(i) * scale);
            }
        }
        return norm;
    }
}
