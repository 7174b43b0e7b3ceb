package dev.ductus.hmm.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DiagonalGmmTest {
    private final DiagonalGmm gmm = new DiagonalGmm(new double[] {0.3, 0.7},
            new double[] {0.0, 1.0, -1.0, 2.0, 0.5, 0.25},
            new double[] {1.0, 0.5, 2.0, 0.1, 4.0, 1.5});

    /** The density written out with Math.exp, one dimension at a time. */
    private static double direct(double[] w, double[] mu, double[] var, double[] x) {
        int d = x.length;
        double p = 0;
        for (int k = 0; k < w.length; k++) {
            double prod = 1;
            for (int i = 0; i < d; i++) {
                double v = var[k * d + i];
                double diff = x[i] - mu[k * d + i];
                prod *= Math.exp(-diff * diff / (2 * v)) / Math.sqrt(2 * Math.PI * v);
            }
            p += w[k] * prod;
        }
        return Math.log(p);
    }

    @Test
    void logLikelihoodMatchesDirectFormula() {
        float[][] frames = {{0f, 0f, 0f}, {0.3f, 1.5f, -0.7f}, {-1f, 2f, 0.5f}, {2f, -1f, 3f}};
        for (float[] f : frames) {
            double[] x = {f[0], f[1], f[2]};
            double expected = direct(gmm.weights(), gmm.means(), gmm.variances(), x);
            assertEquals(expected, gmm.logLikelihood(f, 0), 1e-10);
            double[] comp = new double[2];
            assertEquals(expected, gmm.componentLogLikelihoods(f, 0, comp), 1e-10);
            assertEquals(expected, Math.log(Math.exp(comp[0]) + Math.exp(comp[1])), 1e-10);
        }
    }

    @Test
    void readsFrameAtOffset() {
        float[] data = {9f, 9f, 9f, 0.3f, 1.5f, -0.7f};
        assertEquals(gmm.logLikelihood(new float[] {0.3f, 1.5f, -0.7f}, 0), gmm.logLikelihood(data, 3), 1e-12);
    }

    @Test
    void farAwayFrameDoesNotUnderflowToMinusInfinity() {
        float[] x = {1000f, -1000f, 1000f};
        double ll = gmm.logLikelihood(x, 0);
        assertEquals(true, Double.isFinite(ll));
        assertEquals(true, ll < -1e5);
    }

    @Test
    void splittingKeepsTheMixtureMeanAndDoublesComponents() {
        DiagonalGmm split = gmm.split(0.2);
        assertEquals(4, split.components());
        assertArrayEquals(gmm.mixtureMean(), split.mixtureMean(), 1e-12);
        assertEquals(1.0, split.weight(0) + split.weight(1) + split.weight(2) + split.weight(3), 1e-12);
        assertEquals(gmm.variance(1, 1), split.variance(2, 1), 1e-12);
        assertEquals(gmm.mean(0, 1) + 0.2 * Math.sqrt(gmm.variance(0, 1)), split.mean(0, 1), 1e-12);
    }

    @Test
    void abandoningFarComponentsChangesNothingMeasurable() {
        java.util.Random r = new java.util.Random(3);
        int m = 16;
        int d = 40;
        double[] w = new double[m];
        double[] mu = new double[m * d];
        double[] var = new double[m * d];
        for (int k = 0; k < m; k++) w[k] = 1.0 / m;
        for (int i = 0; i < mu.length; i++) {
            mu[i] = 3 * r.nextGaussian();
            var[i] = 0.05 + r.nextDouble();
        }
        DiagonalGmm big = new DiagonalGmm(w, mu, var);
        double[] comp = new double[m];
        for (int n = 0; n < 200; n++) {
            float[] x = new float[d];
            int near = r.nextInt(m);
            for (int i = 0; i < d; i++) x[i] = (float) (big.mean(near, i) + r.nextGaussian() * (n % 2 == 0 ? 0.3 : 3));
            double exact = big.componentLogLikelihoods(x, 0, comp);
            assertEquals(exact, big.logLikelihood(x, 0), 1e-10 * Math.max(1, Math.abs(exact)));
        }
    }

    @Test
    void rejectsNonPositiveVariance() {
        assertThrows(IllegalArgumentException.class,
                () -> DiagonalGmm.single(new double[] {0, 0}, new double[] {1, 0}));
    }
}
