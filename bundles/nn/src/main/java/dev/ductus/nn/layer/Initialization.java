package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Tensor;
import java.util.SplittableRandom;

/** Weight initialisation rules: Glorot (Xavier) uniform, He normal, orthogonal blocks, constants. */
public final class Initialization {
    private Initialization() {
    }

    /** U(-a, a) with a = sqrt(6 / (fanIn + fanOut)): keeps activation variance for tanh/sigmoid layers. */
    public static void glorotUniform(Param p, int fanIn, int fanOut, SplittableRandom rnd) {
        double a = Math.sqrt(6.0 / (fanIn + fanOut));
        Tensor v = p.value();
        for (int i = 0; i < p.size(); i++) v.set(i, rnd.nextDouble(-a, a));
    }

    /** N(0, 2 / fanIn): keeps activation variance for (leaky) ReLU layers. */
    public static void heNormal(Param p, int fanIn, SplittableRandom rnd) {
        double sd = Math.sqrt(2.0 / fanIn);
        Tensor v = p.value();
        for (int i = 0; i < p.size(); i++) v.set(i, gaussian(rnd) * sd);
    }

    public static void constant(Param p, double c) {
        p.value().fill(0, p.size(), c);
    }

    /**
     * Fills the columns [col0, col0 + cols) of a row-major [rows, stride] matrix with an orthogonal block
     * (orthonormal columns if rows >= cols, else orthonormal rows): recurrent weights initialised so that
     * repeated multiplication neither explodes nor vanishes at the start of training.
     */
    public static void orthogonalBlock(Tensor v, int rows, int stride, int col0, int cols, SplittableRandom rnd) {
        boolean tall = rows >= cols;
        int m = tall ? rows : cols;   // vector length
        int k = tall ? cols : rows;   // number of vectors to orthonormalise
        double[][] q = new double[k][m];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < m; i++) q[j][i] = gaussian(rnd);
            for (int pass = 0; pass < 2; pass++) {   // re-orthogonalise once for numerical safety
                for (int prev = 0; prev < j; prev++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) dot += q[j][i] * q[prev][i];
                    for (int i = 0; i < m; i++) q[j][i] -= dot * q[prev][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) norm += q[j][i] * q[j][i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) q[j][i] /= norm;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double val = tall ? q[c][r] : q[r][c];
                v.set(r * stride + col0 + c, val);
            }
        }
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
