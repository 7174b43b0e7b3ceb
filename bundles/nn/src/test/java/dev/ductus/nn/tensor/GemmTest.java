package dev.ductus.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Both product paths (single-threaded BLAS, ND4J) on views at offsets, with every transpose combination. */
class GemmTest {
    private static void check(DataType type, int m, int n, int k, double tol) {
        SplittableRandom rnd = new SplittableRandom(m * 31L + n * 7L + k);
        for (int variant = 0; variant < 4; variant++) {
            boolean ta = (variant & 1) != 0;
            boolean tb = (variant & 2) != 0;
            Tensor a = new Tensor(type, 5 + m * k);
            Tensor b = new Tensor(type, 3 + k * n);
            Tensor c = new Tensor(type, 7 + m * n);
            for (int i = 0; i < a.capacity(); i++) a.set(i, rnd.nextDouble(-1, 1));
            for (int i = 0; i < b.capacity(); i++) b.set(i, rnd.nextDouble(-1, 1));
            for (int i = 0; i < c.capacity(); i++) c.set(i, rnd.nextDouble(-1, 1));
            double[] c0 = c.toDoubles(c.capacity());
            int ar = ta ? k : m;
            int ac = ta ? m : k;
            int br = tb ? n : k;
            int bc = tb ? k : n;
            Gemm.mul(a.matrix(5, ar, ac), ta, b.matrix(3, br, bc), tb, c.matrix(7, m, n), 0.5, 2.0);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        double av = ta ? a.get(5 + p * ac + i) : a.get(5 + i * ac + p);
                        double bv = tb ? b.get(3 + j * bc + p) : b.get(3 + p * bc + j);
                        s += av * bv;
                    }
                    assertEquals(0.5 * s + 2.0 * c0[7 + i * n + j], c.get(7 + i * n + j), tol * Math.max(1, k),
                            type + " " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb);
                }
            }
            for (int i = 0; i < 7; i++) assertEquals(c0[i], c.get(i), "left of the view untouched");
        }
    }

    @Test
    void smallProductsThroughBlas() {
        check(DataType.DOUBLE, 5, 7, 3, 1e-14);
        check(DataType.FLOAT, 16, 24, 12, 1e-6);
    }

    @Test
    void largeProductsThroughNd4j() {
        check(DataType.DOUBLE, 170, 160, 160, 1e-14);
        check(DataType.FLOAT, 170, 160, 160, 1e-6);
    }
}
