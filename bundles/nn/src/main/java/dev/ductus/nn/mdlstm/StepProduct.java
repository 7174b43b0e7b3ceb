package dev.ductus.nn.mdlstm;

import dev.ductus.nn.tensor.Tensor;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The products of a scan, {@code C = op(A) op(B) + beta C} on row-major blocks of native tensors, straight to
 * single-threaded OpenBLAS: the per-anti-diagonal recurrent products, and the direction's large products (input
 * projections, weight and input gradients), which run on the direction's own thread too, so the two cores stay
 * busy without OpenMP (whose barriers stall for a scheduler slice on a loaded machine). Measured on this machine (2 cores, loaded), for the step shapes of the MDLSTM
 * architecture, single-threaded: OpenBLAS 0.47 us for 24x4x10 against 0.69 us for the best plain Java loop
 * (the JIT leaves loops over offset arrays scalar, 2-3 GFLOP/s), 1.9 us against 7.7 for 12x20x50, 45 us
 * against 185 for 12x100x250 and 450-500 us against 2900 for 192x100x250: the native call wins at every
 * size we meet, so there is no Java product. ND4J's own gemm is not used: it costs ~6 us a call and goes
 * multi-threaded above a size, while the scans already run one direction per core. One instance per
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
     * c = op(a) op(b) + beta c on row-major blocks: op(a) is m x k, op(b) k x n, c m x n; each operand starts at an
     * element offset of its tensor and has its own leading dimension, so it can be a band of a wider matrix (a
     * diagonal's columns of a [units, cells] matrix) or one direction's block of a parameter. The tensors must have
     * the same precision.
     */
    void multiply(boolean transA, Tensor ta, long aOff, int lda, boolean transB, Tensor tb, long bOff, int ldb,
                  Tensor tc, long cOff, int ldc, int m, int n, int k, double beta) {
        if (m == 0 || n == 0) return;
        int opA = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int opB = transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (ta.isDouble()) {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, opA, opB, m, n, k, 1.0,
                    a.doubles(ta).position(aOff), lda, b.doubles(tb).position(bOff), ldb, beta, c.doubles(tc).position(cOff), ldc);
        } else {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, opA, opB, m, n, k, 1f,
                    a.floats(ta).position(aOff), lda, b.floats(tb).position(bOff), ldb, (float) beta, c.floats(tc).position(cOff), ldc);
        }
    }
}
