package dev.ductus.nn.layer;

import dev.ductus.nn.mdlstm.DoubleScan;
import dev.ductus.nn.mdlstm.FloatScan;
import dev.ductus.nn.mdlstm.ScanDirection;
import dev.ductus.nn.tensor.Batch;
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
 * <p>Parameters, one block per direction: {@code wx} [D, in, 5h], {@code wh} [D, 2h, 5h] (rows: the
 * predecessor above, then the one to the left, in each direction's own orientation), {@code bias} [D, 5h];
 * gates {@code i, fy, fx, g, o} in blocks of h.
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
    private float[] fIn = new float[0];
    private float[] fOut = new float[0];
    private double[] dIn = new double[0];
    private double[] dOut = new double[0];

    public MdLstm(DataType type, Shape input, int hidden, ScanDirection[] dirs, boolean sum) {
        this(type, input, hidden, dirs, sum, new Param("wx", type, true, dirs.length, input.channels(), 5 * hidden),
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
            if (f) floatScans[d] = new FloatScan(input.channels(), hidden);
            else doubleScans[d] = new DoubleScan(input.channels(), hidden);
        }
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
        int outC = outputShape.channels();
        out.reshapeLike(x, outC);
        long uBlock = 2L * hidden * g5;
        if (floatScans != null) {
            fIn = grow(fIn, positions * c);
            x.data().read(0, fIn, 0, positions * c);
            float[] b = bias.value().toFloats(dirs.length * g5);
            float[] xs = fIn;
            Parallel.range(dirs.length, 1, (from, to) -> {
                for (int d = from; d < to; d++) {
                    FloatScan s = floatScans[d];
                    s.prepare(x, dirs[d], xs);
                    s.project(wx.value(), (long) d * c * g5);
                    s.recur(Arrays.copyOfRange(b, d * g5, (d + 1) * g5), wh.value(), d * uBlock);
                }
            });
            fOut = grow(fOut, positions * outC);
            Arrays.fill(fOut, 0, positions * outC, 0f);
            for (int d = 0; d < dirs.length; d++) floatScans[d].addOutput(fOut, outC, sum ? 0 : d * hidden);
            out.data().write(0, fOut, 0, positions * outC);
        } else {
            dIn = grow(dIn, positions * c);
            x.data().doubles().get(0, dIn, 0, positions * c);
            double[] b = bias.value().toDoubles(dirs.length * g5);
            double[] xs = dIn;
            Parallel.range(dirs.length, 1, (from, to) -> {
                for (int d = from; d < to; d++) {
                    DoubleScan s = doubleScans[d];
                    s.prepare(x, dirs[d], xs);
                    s.project(wx.value(), (long) d * c * g5);
                    s.recur(Arrays.copyOfRange(b, d * g5, (d + 1) * g5), wh.value(), d * uBlock);
                }
            });
            dOut = grow(dOut, positions * outC);
            Arrays.fill(dOut, 0, positions * outC, 0.0);
            for (int d = 0; d < dirs.length; d++) doubleScans[d].addOutput(dOut, outC, sum ? 0 : d * hidden);
            out.data().doubles().put(0, dOut, 0, positions * outC);
        }
        return out;
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        int positions = in.positions();
        int c = in.channels();
        int g5 = 5 * hidden;
        int outC = outputShape.channels();
        long uBlock = 2L * hidden * g5;
        if (floatScans != null) {
            fOut = grow(fOut, positions * outC);
            g.data().read(0, fOut, 0, positions * outC);
            Parallel.range(dirs.length, 1, (from, to) -> {
                for (int d = from; d < to; d++) {
                    FloatScan s = floatScans[d];
                    s.recurBackward(fOut, outC, sum ? 0 : d * hidden, wh.value(), d * uBlock);
                    s.gradients(wh.grad(), d * uBlock, wx.value(), wx.grad(), (long) d * c * g5, inputGradient);
                }
            });
            if (inputGradient) {
                fIn = grow(fIn, positions * c);
                Arrays.fill(fIn, 0, positions * c, 0f);
            }
            for (int d = 0; d < dirs.length; d++) {
                addBiasGradient(d, floatScans[d].biasGradient());
                if (inputGradient) floatScans[d].addInputGradient(fIn);
            }
            if (!inputGradient) return null;
            gradIn.reshapeLike(in, c);
            gradIn.data().write(0, fIn, 0, positions * c);
        } else {
            dOut = grow(dOut, positions * outC);
            g.data().doubles().get(0, dOut, 0, positions * outC);
            Parallel.range(dirs.length, 1, (from, to) -> {
                for (int d = from; d < to; d++) {
                    DoubleScan s = doubleScans[d];
                    s.recurBackward(dOut, outC, sum ? 0 : d * hidden, wh.value(), d * uBlock);
                    s.gradients(wh.grad(), d * uBlock, wx.value(), wx.grad(), (long) d * c * g5, inputGradient);
                }
            });
            if (inputGradient) {
                dIn = grow(dIn, positions * c);
                Arrays.fill(dIn, 0, positions * c, 0.0);
            }
            for (int d = 0; d < dirs.length; d++) {
                addBiasGradient(d, doubleScans[d].biasGradient());
                if (inputGradient) doubleScans[d].addInputGradient(dIn);
            }
            if (!inputGradient) return null;
            gradIn.reshapeLike(in, c);
            gradIn.data().doubles().put(0, dIn, 0, positions * c);
        }
        // padded positions belong to no cell: their input gradient stays zero
        return gradIn;
    }

    private void addBiasGradient(int d, double[] biasGrad) {
        int g5 = 5 * hidden;
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
        if (floatScans != null) for (FloatScan s : floatScans) s.release();
        if (doubleScans != null) for (DoubleScan s : doubleScans) s.release();
    }
}
