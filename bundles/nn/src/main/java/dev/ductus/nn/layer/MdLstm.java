package dev.ductus.nn.layer;

import dev.ductus.nn.mdlstm.DiagonalOrder;
import dev.ductus.nn.mdlstm.DoubleScan;
import dev.ductus.nn.mdlstm.FloatScan;
import dev.ductus.nn.mdlstm.ScanDirection;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Gemm;
import dev.ductus.nn.tensor.Parallel;
import dev.ductus.nn.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A multi-dimensional (2-D) LSTM layer (Graves and Schmidhuber 2009): at every position, one LSTM cell per
 * scanning direction reads the input there and the outputs and cell states of its two predecessors along
 * the scan, each with its own forget gate (see {@link FloatScan} for the cell). The four directions
 * ({@code tl, tr, bl, br}, by start corner) run in parallel, one per core; within a direction the cells of
 * an anti-diagonal are independent, so each anti-diagonal is one matrix product for the whole batch. The
 * output at a position is the directions' outputs concatenated ({@code D * hidden} channels, as RNNLIB feeds
 * them to the next layer) or, with {@code sum}, added (A2iA / Bluche). Maps of any height; samples of
 * different sizes are masked (each is scanned from the corners of its own area).
 *
 * <p>Parameters, directions side by side: {@code wx} [in, D * 5h] (all input projections are one product),
 * {@code wh} [D, 2h, 5h] (rows: the predecessor above, then the one to the left, in each direction's own
 * orientation), {@code bias} [D, 5h]; gates {@code i, fy, fx, g, o} in blocks of h.
 */
public final class MdLstm extends BaseLayer {
    private final int hidden;
    private final ScanDirection[] dirs;
    private final boolean sum;
    private final Param wx;
    private final Param wh;
    private final Param bias;
    private final FloatScan[] floatScans;
    private final DoubleScan[] doubleScans;
    private final Tensor xw;
    private final Tensor dzPos;
    private float[] fXw = new float[0];
    private double[] dXw = new double[0];
    private float[] fStage = new float[0];
    private float[] fDz = new float[0];
    private double[] dStage = new double[0];
    private double[] dDz = new double[0];

    public MdLstm(DataType type, Shape input, int hidden, ScanDirection[] dirs, boolean sum) {
        this(type, input, hidden, dirs, sum, new Param("wx", type, true, input.channels(), dirs.length * 5 * hidden),
                new Param("wh", type, true, dirs.length, 2 * hidden, 5 * hidden),
                new Param("bias", type, false, dirs.length, 5 * hidden));
    }

    private MdLstm(DataType type, Shape input, int hidden, ScanDirection[] dirs, boolean sum, Param wx, Param wh, Param bias) {
        super(type, input, new Shape(input.height(), checked(hidden, dirs) * (sum ? 1 : dirs.length)));
        this.hidden = hidden;
        this.dirs = dirs.clone();
        this.sum = sum;
        this.wx = wx;
        this.wh = wh;
        this.bias = bias;
        boolean f = type == DataType.FLOAT;
        floatScans = f ? new FloatScan[dirs.length] : null;
        doubleScans = f ? null : new DoubleScan[dirs.length];
        for (int d = 0; d < dirs.length; d++) {
            if (f) floatScans[d] = new FloatScan(hidden);
            else doubleScans[d] = new DoubleScan(hidden);
        }
        xw = new Tensor(type, 1);
        dzPos = new Tensor(type, 1);
    }

    private static int checked(int hidden, ScanDirection[] dirs) {
        if (hidden <= 0) throw new IllegalArgumentException("an MDLSTM needs cells, got " + hidden);
        if (dirs.length == 0) throw new IllegalArgumentException("an MDLSTM needs at least one scanning direction");
        return hidden;
    }

    @Override
    public String spec() {
        return "mdlstm=" + hidden + (sum ? ":sum" : "")
                + (dirs.length == ScanDirection.values().length ? "" : ":" + ScanDirection.format(dirs));
    }

    public int hidden() {
        return hidden;
    }

    public List<ScanDirection> directions() {
        return List.of(dirs);
    }

    public boolean summed() {
        return sum;
    }

    public Param inputWeights() {
        return wx;
    }

    public Param recurrentWeights() {
        return wh;
    }

    public Param bias() {
        return bias;
    }

    /**
     * Glorot input weights, orthogonal recurrent blocks, zero biases: the two forget gates then start at 0.5
     * each, so a cell begins as the average of its predecessors. With the usual LSTM forget bias of 1 they
     * would sum to 1.46 and the cell state would grow geometrically along the diagonals.
     */
    public void initialize(SplittableRandom rnd) {
        int g5 = 5 * hidden;
        Initialization.glorotUniform(wx, inputShape.channels(), g5, rnd);
        for (int d = 0; d < dirs.length; d++) {
            for (int block = 0; block < 2; block++) {
                for (int gate = 0; gate < 5; gate++) {
                    int firstRow = d * 2 * hidden + block * hidden;
                    Initialization.orthogonalBlock(wh.value(), hidden, g5, firstRow * g5 + gate * hidden, hidden, rnd);
                }
            }
        }
        Initialization.constant(bias, 0);
    }

    @Override
    public List<Param> params() {
        return List.of(wx, wh, bias);
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        checkInput(x);
        in = x;
        int positions = x.positions();
        int c = x.channels();
        int g5 = 5 * hidden;
        int wide = dirs.length * g5;
        xw.ensure(Math.max(1, positions * wide));
        Gemm.set(x.data().matrix(positions, c), false, wx.matrix(c, wide), false, xw.matrix(positions, wide));
        int outC = outputShape.channels();
        out.reshapeLike(x, outC);
        if (floatScans != null) {
            float[] b = bias.value().toFloats(dirs.length * g5);
            fXw = grow(fXw, positions * wide);
            xw.read(0, fXw, 0, positions * wide);
            float[] xwCopy = fXw;
            Parallel.range(dirs.length, 1, (from, to) -> {
                for (int d = from; d < to; d++) {
                    floatScans[d].forward(x, dirs[d], xwCopy, wide, d * g5, Arrays.copyOfRange(b, d * g5, (d + 1) * g5),
                            wh.value(), (long) d * 2 * hidden * g5);
                }
            });
            fStage = grow(fStage, positions * outC);
            Arrays.fill(fStage, 0, positions * outC, 0f);
            for (int d = 0; d < dirs.length; d++) {
                DiagonalOrder order = floatScans[d].order();
                float[] hs = floatScans[d].hidden();
                int off = sum ? 0 : d * hidden;
                for (int r = 0; r < order.cells(); r++) {
                    int o = order.position(r) * outC + off;
                    for (int j = 0; j < hidden; j++) fStage[o + j] += hs[r * hidden + j];
                }
            }
            out.data().write(0, fStage, 0, positions * outC);
        } else {
            double[] b = bias.value().toDoubles(dirs.length * g5);
            dXw = grow(dXw, positions * wide);
            xw.doubles().get(0, dXw, 0, positions * wide);
            double[] xwCopy = dXw;
            Parallel.range(dirs.length, 1, (from, to) -> {
                for (int d = from; d < to; d++) {
                    doubleScans[d].forward(x, dirs[d], xwCopy, wide, d * g5, Arrays.copyOfRange(b, d * g5, (d + 1) * g5),
                            wh.value(), (long) d * 2 * hidden * g5);
                }
            });
            dStage = grow(dStage, positions * outC);
            Arrays.fill(dStage, 0, positions * outC, 0.0);
            for (int d = 0; d < dirs.length; d++) {
                DiagonalOrder order = doubleScans[d].order();
                double[] hs = doubleScans[d].hidden();
                int off = sum ? 0 : d * hidden;
                for (int r = 0; r < order.cells(); r++) {
                    int o = order.position(r) * outC + off;
                    for (int j = 0; j < hidden; j++) dStage[o + j] += hs[r * hidden + j];
                }
            }
            out.data().doubles().put(0, dStage, 0, positions * outC);
        }
        return out;
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        int positions = in.positions();
        int c = in.channels();
        int g5 = 5 * hidden;
        int wide = dirs.length * g5;
        int outC = outputShape.channels();
        long uBlock = 2L * hidden * g5;
        if (floatScans != null) {
            fStage = grow(fStage, positions * outC);
            g.data().read(0, fStage, 0, positions * outC);
            fDz = grow(fDz, positions * wide);
            Arrays.fill(fDz, 0, positions * wide, 0f);
            Parallel.range(dirs.length, 1, (from, to) -> {
                for (int d = from; d < to; d++) {
                    floatScans[d].backward(fStage, outC, sum ? 0 : d * hidden, wh.value(), d * uBlock, fDz, wide, d * g5);
                }
            });
            for (int d = 0; d < dirs.length; d++) {
                FloatScan s = floatScans[d];
                recurrentGradient(d, s.order().cells(), s.stackedPredecessors(), s.gateGradients(), s.biasGradient());
            }
            dzPos.ensure(Math.max(1, positions * wide));
            dzPos.write(0, fDz, 0, positions * wide);
        } else {
            dStage = grow(dStage, positions * outC);
            g.data().doubles().get(0, dStage, 0, positions * outC);
            dDz = grow(dDz, positions * wide);
            Arrays.fill(dDz, 0, positions * wide, 0.0);
            Parallel.range(dirs.length, 1, (from, to) -> {
                for (int d = from; d < to; d++) {
                    doubleScans[d].backward(dStage, outC, sum ? 0 : d * hidden, wh.value(), d * uBlock, dDz, wide, d * g5);
                }
            });
            for (int d = 0; d < dirs.length; d++) {
                DoubleScan s = doubleScans[d];
                recurrentGradient(d, s.order().cells(), s.stackedPredecessors(), s.gateGradients(), s.biasGradient());
            }
            dzPos.ensure(Math.max(1, positions * wide));
            dzPos.doubles().put(0, dDz, 0, positions * wide);
        }
        // padded positions have zero gate gradients: they add nothing below and get a zero input gradient
        Gemm.add(in.data().matrix(positions, c), true, dzPos.matrix(positions, wide), false, wx.gradMatrix(c, wide));
        if (!inputGradient) return null;
        gradIn.reshapeLike(in, c);
        Gemm.set(dzPos.matrix(positions, wide), false, wx.matrix(c, wide), true, gradIn.data().matrix(positions, c));
        return gradIn;
    }

    /** dU = [h(up), h(left)]^T dz over all cells of a direction (one product), and the bias gradient. */
    private void recurrentGradient(int d, int cells, Tensor stacked, Tensor dz, double[] biasGrad) {
        int g5 = 5 * hidden;
        Gemm.add(stacked.matrix(cells, 2 * hidden), true, dz.matrix(cells, g5), false,
                wh.grad().matrix((long) d * 2 * hidden * g5, 2 * hidden, g5));
        for (int q = 0; q < g5; q++) bias.grad().add(d * g5 + q, biasGrad[q]);
    }

    private static float[] grow(float[] a, int size) {
        return a.length >= size ? a : new float[size + size / 4];
    }

    private static double[] grow(double[] a, int size) {
        return a.length >= size ? a : new double[size + size / 4];
    }

    @Override
    public Layer replica() {
        MdLstm l = new MdLstm(type, inputShape, hidden, dirs, sum, wx.sharing(), wh.sharing(), bias.sharing());
        l.setInputGradient(inputGradient);
        return l;
    }

    @Override
    public void releaseBuffers() {
        super.releaseBuffers();
        xw.release();
        dzPos.release();
        if (floatScans != null) for (FloatScan s : floatScans) s.release();
        if (doubleScans != null) for (DoubleScan s : doubleScans) s.release();
    }
}
