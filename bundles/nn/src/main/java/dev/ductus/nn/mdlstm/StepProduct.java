package dev.ductus.nn.mdlstm;

import dev.ductus.nn.tensor.Tensor;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-anti-diagonal products of a scan, {@code C = op(A) B} on row-major blocks of native tensors, straight
 * to single-threaded OpenBLAS. Measured on this machine (2 cores, loaded), for the step shapes of the MDLSTM
 * architecture, single-threaded: OpenBLAS 0.47 us for 24x4x10 against 0.69 us for the best plain Java loop
 * (the JIT leaves loops over offset arrays scalar, 2-3 GFLOP/s), 1.9 us against 7.7 for 12x20x50, 45 us
 * against 185 for 12x100x250 and 450-500 us against 2900 for 192x100x250: the native call wins at every
 * size we meet, so there is no Java product. ND4J's own gemm is not used here: it costs ~6 us a call and
 * goes multi-threaded above a size, while the scans already run one direction per core. One instance per
 * scan (its pointers carry positions, so they are not shared between threads).
 */
final class StepProduct {
    private static volatile boolean configured;
    private final Wrapped a = new Wrapped();
    private final Wrapped b = new Wrapped();
    private final Wrapped c = new Wrapped();

    /** A pointer to a tensor's memory, made again only when the tensor has grown (an address lookup is a JNI call). */
    private static final class Wrapped {
        private Object flat;
        private FloatPointer floats;
        private DoublePointer doubles;

        FloatPointer floats(Tensor t) {
            if (flat != t.flat() || floats == null) {
                flat = t.flat();
                floats = new FloatPointer(t.flat().data().addressPointer());
            }
            return floats;
        }

        DoublePointer doubles(Tensor t) {
            if (flat != t.flat() || doubles == null) {
                flat = t.flat();
                doubles = new DoublePointer(t.flat().data().addressPointer());
            }
            return doubles;
        }
    }

    StepProduct() {
        if (!configured) configure();
    }

    private static synchronized void configure() {
        if (!configured) {
            // the same setting as dev.ductus.nn.tensor.Gemm: OpenBLAS only ever sees small products
            Nd4j.factory().blas().setMaxThreads(1);
            configured = true;
        }
    }

    /**
     * c[0:m, 0:n] (row-major, leading dimension n) = op(a)[m x k] * b[k x n], with a from element aOff (row-major,
     * leading dimension lda, transposed when transA) and b from element bOff (leading dimension ldb, so that b
     * can be a band of columns of a wider matrix). The tensors must have the same precision.
     */
    void multiply(boolean transA, Tensor ta, long aOff, int lda, Tensor tb, long bOff, int ldb, Tensor tc, int m, int n, int k) {
        if (m == 0 || n == 0) return;
        int opA = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int noTrans = openblas_nolapack.CblasNoTrans;
        if (ta.isDouble()) {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, opA, noTrans, m, n, k, 1.0,
                    a.doubles(ta).position(aOff), lda, b.doubles(tb).position(bOff), ldb, 0.0, c.doubles(tc).position(0), n);
        } else {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, opA, noTrans, m, n, k, 1f,
                    a.floats(ta).position(aOff), lda, b.floats(tb).position(bOff), ldb, 0f, c.floats(tc).position(0), n);
        }
    }
}
