package dev.ductus.nn.tensor;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products into preallocated row-major outputs: {@code c = alpha * op(a) * op(b) + beta * c}.
 * Large products go to ND4J's GEMM (oneDNN, all OpenMP threads), which FINDINGS measured fastest for big
 * shapes. Small ones (an LSTM step: 16 x 128 x 512) go straight to single-threaded OpenBLAS: an OpenMP
 * parallel region costs a barrier, and on a busy 2-core machine a barrier can wait a whole scheduler slice
 * (measured: 16 x 256 x 1024 through ND4J taking 16 ms instead of 0.6 ms).
 */
public final class Gemm {
    /** Multiply-adds below which a product runs single-threaded in OpenBLAS (about 16 x 512 x 512). */
    public static final long SMALL = 1L << 22;
    private static volatile boolean blasConfigured;

    private Gemm() {
    }

    public static void mul(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double alpha,
                           double beta) {
        long m = c.size(0);
        long n = c.size(1);
        long k = transA ? a.size(0) : a.size(1);
        if ((transA ? a.size(1) : a.size(0)) != m || (transB ? b.size(0) : b.size(1)) != n
                || (transB ? b.size(1) : b.size(0)) != k) {
            throw new IllegalArgumentException("gemm shapes " + java.util.Arrays.toString(a.shape()) + (transA ? "^T" : "")
                    + " x " + java.util.Arrays.toString(b.shape()) + (transB ? "^T" : "") + " -> "
                    + java.util.Arrays.toString(c.shape()));
        }
        if (m * n * k < SMALL && rowMajorDense(a) && rowMajorDense(b) && rowMajorDense(c)) {
            smallBlas(a, transA, b, transB, c, (int) m, (int) n, (int) k, alpha, beta);
        } else {
            Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
        }
    }

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c} on the calling thread (single-threaded OpenBLAS) whatever the
     * size: for callers that already run one product per core (a beam step per recognised line).
     */
    public static void serial(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double alpha,
                              double beta) {
        long m = c.size(0);
        long n = c.size(1);
        long k = transA ? a.size(0) : a.size(1);
        if ((transA ? a.size(1) : a.size(0)) != m || (transB ? b.size(0) : b.size(1)) != n
                || (transB ? b.size(1) : b.size(0)) != k || !denseRows(a) || !denseRows(b) || !denseRows(c)
                || a.dataType() != c.dataType() || b.dataType() != c.dataType()) {
            throw new IllegalArgumentException("serial gemm needs dense row-major operands of one type and matching shapes");
        }
        smallBlas(a, transA, b, transB, c, (int) m, (int) n, (int) k, alpha, beta);
    }

    /** c = op(a) * op(b). */
    public static void set(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c) {
        mul(a, transA, b, transB, c, 1.0, 0.0);
    }

    /** c += op(a) * op(b). */
    public static void add(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c) {
        mul(a, transA, b, transB, c, 1.0, 1.0);
    }

    /** Row-major and contiguous; a single row's stride is whatever ND4J gave it. */
    private static boolean denseRows(INDArray x) {
        return x.rank() == 2 && x.ordering() == 'c' && (x.size(1) == 1 || x.stride(1) == 1)
                && (x.size(0) == 1 || x.stride(0) == x.size(1));
    }

    private static boolean rowMajorDense(INDArray x) {
        return x.ordering() == 'c' && x.stride(1) == 1 && x.stride(0) == x.size(1);
    }

    private static void smallBlas(INDArray a, boolean ta, INDArray b, boolean tb, INDArray c, int m, int n, int k,
                                  double alpha, double beta) {
        if (!blasConfigured) configureBlas();
        int lda = (int) a.size(1);
        int ldb = (int) b.size(1);
        int ldc = (int) c.size(1);
        int opA = ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int opB = tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, opA, opB, m, n, k, (float) alpha,
                    floats(a), lda, floats(b), ldb, (float) beta, floats(c), ldc);
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, opA, opB, m, n, k, alpha,
                    doubles(a), lda, doubles(b), ldb, beta, doubles(c), ldc);
        }
    }

    // a view's data buffer starts at the view's first element already (its address includes the offset)
    private static FloatPointer floats(INDArray x) {
        Pointer start = x.data().addressPointer();
        return new FloatPointer(start);
    }

    private static DoublePointer doubles(INDArray x) {
        Pointer start = x.data().addressPointer();
        return new DoublePointer(start);
    }

    private static synchronized void configureBlas() {
        if (!blasConfigured) {
            // OpenBLAS only ever sees the small products: its own threads would only add barriers
            Nd4j.factory().blas().setMaxThreads(1);
            blasConfigured = true;
        }
    }
}
