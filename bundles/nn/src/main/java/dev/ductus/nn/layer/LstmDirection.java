package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.FastGates;
import dev.ductus.nn.tensor.Gemm;
import dev.ductus.nn.tensor.Tensor;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One direction of an LSTM over time-major sequences [T, N, in], gates ordered i, f, g, o (as PyTorch):
 * the input projections of all frames are one GEMM, each step adds h(t-1) Wh (one GEMM for the batch), and the
 * gate arithmetic runs in a Java loop. A sample's frames beyond its length have h = c = 0, which is also the
 * start state the reverse direction sees.
 */
final class LstmDirection {
    final int inputs;
    final int hidden;
    final boolean reverse;
    final Param wx;
    final Param wh;
    final Param bias;
    private final Tensor gates;
    private final Tensor cell;
    private final Tensor tanhCell;
    private final Tensor hbuf;
    private final Tensor dhRec;
    private final Tensor dcNext;
    private int frames;
    private int n;
    private int[] lengths;

    LstmDirection(DataType type, int inputs, int hidden, boolean reverse, String prefix) {
        this(inputs, hidden, reverse, new Param(prefix + "wx", type, true, inputs, 4 * hidden),
                new Param(prefix + "wh", type, true, hidden, 4 * hidden), new Param(prefix + "bias", type, false, 4 * hidden));
    }

    private LstmDirection(int inputs, int hidden, boolean reverse, Param wx, Param wh, Param bias) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.reverse = reverse;
        this.wx = wx;
        this.wh = wh;
        this.bias = bias;
        DataType type = wx.value().type();
        gates = new Tensor(type, 1);
        cell = new Tensor(type, 1);
        tanhCell = new Tensor(type, 1);
        hbuf = new Tensor(type, 1);
        dhRec = new Tensor(type, 1);
        dcNext = new Tensor(type, 1);
    }

    LstmDirection sharing() {
        return new LstmDirection(inputs, hidden, reverse, wx.sharing(), wh.sharing(), bias.sharing());
    }

    /** Glorot input weights, orthogonal recurrent blocks, zero bias with the forget gate's at 1. */
    void initialize(SplittableRandom rnd) {
        Initialization.glorotUniform(wx, inputs, 4 * hidden, rnd);
        for (int gate = 0; gate < 4; gate++) {
            Initialization.orthogonalBlock(wh.value(), hidden, 4 * hidden, gate * hidden, hidden, rnd);
        }
        Initialization.constant(bias, 0);
        bias.value().fill(hidden, 2 * hidden, 1.0);
    }

    /** Block of hbuf holding h at frame t. */
    int hBlock(int t) {
        return reverse ? t : t + 1;
    }

    private int prevBlock(int t) {
        return reverse ? t + 1 : t;
    }

    Tensor hidden() {
        return hbuf;
    }

    /** Offset in {@link #hidden()} of h(t) of sample s. */
    int hOffset(int t, int s) {
        return (hBlock(t) * n + s) * hidden;
    }

    /** Input projections of all frames (one large product); then {@link #recur()}. */
    void project(Tensor xT, int frames, int n, int[] lengths) {
        this.frames = frames;
        this.n = n;
        this.lengths = lengths;
        int g4 = 4 * hidden;
        gates.ensure(frames * n * g4);
        cell.ensure(frames * n * hidden);
        tanhCell.ensure(frames * n * hidden);
        hbuf.ensure((frames + 1) * n * hidden);
        int zeroBlock = reverse ? frames : 0;
        hbuf.zero(zeroBlock * n * hidden, (zeroBlock + 1) * n * hidden);
        Gemm.set(xT.matrix(frames * n, inputs), false, wx.matrix(inputs, g4), false, gates.matrix(frames * n, g4));
    }

    /** The recurrence over the frames (small products and gate arithmetic; independent of the other direction). */
    void recur() {
        if (gates.floats() != null) {
            recurFloat();
            return;
        }
        int g4 = 4 * hidden;
        Tensor b = bias.value();
        for (int step = 0; step < frames; step++) {
            int t = reverse ? frames - 1 - step : step;
            Gemm.add(hbuf.matrix((long) prevBlock(t) * n * hidden, n, hidden), false, wh.matrix(hidden, g4), false,
                    gates.matrix((long) t * n * g4, n, g4));
            int tp = reverse ? t + 1 : t - 1;
            boolean hasPrev = tp >= 0 && tp < frames;
            for (int s = 0; s < n; s++) {
                int go = (t * n + s) * g4;
                int co = (t * n + s) * hidden;
                int ho = (hBlock(t) * n + s) * hidden;
                if (t >= lengths[s]) {
                    gates.zero(go, go + g4);
                    cell.zero(co, co + hidden);
                    tanhCell.zero(co, co + hidden);
                    hbuf.zero(ho, ho + hidden);
                    continue;
                }
                int cp = (tp * n + s) * hidden;
                for (int j = 0; j < hidden; j++) {
                    double i = Nonlinearity.sigmoid(gates.get(go + j) + b.get(j));
                    double f = Nonlinearity.sigmoid(gates.get(go + hidden + j) + b.get(hidden + j));
                    double g = Nonlinearity.tanh(gates.get(go + 2 * hidden + j) + b.get(2 * hidden + j));
                    double o = Nonlinearity.sigmoid(gates.get(go + 3 * hidden + j) + b.get(3 * hidden + j));
                    double c = i * g + (hasPrev ? f * cell.get(cp + j) : 0);
                    gates.set(go + j, i);
                    gates.set(go + hidden + j, f);
                    gates.set(go + 2 * hidden + j, g);
                    gates.set(go + 3 * hidden + j, o);
                    double tc = Nonlinearity.tanh(c);
                    cell.set(co + j, c);
                    tanhCell.set(co + j, tc);
                    hbuf.set(ho + j, o * tc);
                }
            }
        }
    }

    /**
     * The float recurrence, staged through Java arrays one frame at a time (direct-buffer element access
     * costs a bounds and scope check each; the cell state of the previous frame stays in a Java array).
     */
    private void recurFloat() {
        int g4 = 4 * hidden;
        int nh = n * hidden;
        float[] b = bias.value().toFloats(g4);
        float[] gt = new float[n * g4];
        float[] row = new float[g4];
        float[] ct = new float[nh];
        float[] cPrev = new float[nh];
        float[] tct = new float[nh];
        float[] ht = new float[nh];
        for (int step = 0; step < frames; step++) {
            int t = reverse ? frames - 1 - step : step;
            Gemm.add(hbuf.matrix((long) prevBlock(t) * nh, n, hidden), false, wh.matrix(hidden, g4), false,
                    gates.matrix((long) t * n * g4, n, g4));
            gates.read(t * n * g4, gt, 0, n * g4);
            boolean hasPrev = step > 0;
            for (int s = 0; s < n; s++) {
                int go = s * g4;
                int co = s * hidden;
                if (t >= lengths[s]) {
                    java.util.Arrays.fill(gt, go, go + g4, 0f);
                    java.util.Arrays.fill(ct, co, co + hidden, 0f);
                    continue;
                }
                // the sample's gates in a row of their own: same-index loops against the bias vectorise
                System.arraycopy(gt, go, row, 0, g4);
                FastGates.sigmoidOfSum(row, b, 0, 2 * hidden);
                FastGates.tanhOfSum(row, b, 2 * hidden, 3 * hidden);
                FastGates.sigmoidOfSum(row, b, 3 * hidden, g4);
                System.arraycopy(row, 0, gt, go, g4);
                for (int j = 0; j < hidden; j++) {
                    ct[co + j] = row[j] * row[2 * hidden + j] + (hasPrev ? row[hidden + j] * cPrev[co + j] : 0f);
                }
            }
            FastGates.tanh(ct, tct, nh);
            for (int s = 0; s < n; s++) {
                int go = s * g4;
                int co = s * hidden;
                for (int j = 0; j < hidden; j++) ht[co + j] = gt[go + 3 * hidden + j] * tct[co + j];
            }
            gates.write(t * n * g4, gt, 0, n * g4);
            cell.write(t * nh, ct, 0, nh);
            tanhCell.write(t * nh, tct, 0, nh);
            hbuf.write(hBlock(t) * nh, ht, 0, nh);
            float[] tmp = cPrev;
            cPrev = ct;
            ct = tmp;
        }
    }

    /** Back-propagates dH (time-major [T, N, hidden] at a stride and offset) through the recurrence. */
    void recurBackward(Tensor dH, int dhStride, int dhOffset) {
        if (gates.floats() != null) {
            recurBackwardFloat(dH, dhStride, dhOffset);
            return;
        }
        int g4 = 4 * hidden;
        dhRec.ensure(n * hidden);
        dcNext.ensure(n * hidden);
        dhRec.zero(0, n * hidden);
        dcNext.zero(0, n * hidden);
        for (int step = frames - 1; step >= 0; step--) {
            int t = reverse ? frames - 1 - step : step;
            int tp = reverse ? t + 1 : t - 1;
            boolean hasPrev = tp >= 0 && tp < frames;
            for (int s = 0; s < n; s++) {
                int go = (t * n + s) * g4;
                int co = (t * n + s) * hidden;
                int ro = s * hidden;
                if (t >= lengths[s]) {
                    gates.zero(go, go + g4);
                    dcNext.zero(ro, ro + hidden);
                    continue;
                }
                int cp = (tp * n + s) * hidden;
                int dho = (t * n + s) * dhStride + dhOffset;
                for (int j = 0; j < hidden; j++) {
                    double i = gates.get(go + j);
                    double f = gates.get(go + hidden + j);
                    double g = gates.get(go + 2 * hidden + j);
                    double o = gates.get(go + 3 * hidden + j);
                    double tc = tanhCell.get(co + j);
                    double dh = dH.get(dho + j) + dhRec.get(ro + j);
                    double dc = dcNext.get(ro + j) + dh * o * (1 - tc * tc);
                    double cprev = hasPrev ? cell.get(cp + j) : 0;
                    gates.set(go + j, dc * g * i * (1 - i));
                    gates.set(go + hidden + j, dc * cprev * f * (1 - f));
                    gates.set(go + 2 * hidden + j, dc * i * (1 - g * g));
                    gates.set(go + 3 * hidden + j, dh * tc * o * (1 - o));
                    dcNext.set(ro + j, dc * f);
                }
            }
            // the gates of frame t now hold their pre-activation gradients
            Gemm.set(gates.matrix((long) t * n * g4, n, g4), false, wh.matrix(hidden, g4), true, dhRec.matrix(n, hidden));
        }
    }

    private void recurBackwardFloat(Tensor dH, int dhStride, int dhOffset) {
        int g4 = 4 * hidden;
        int nh = n * hidden;
        dhRec.ensure(nh);
        dhRec.zero(0, nh);
        float[] gt = new float[n * g4];
        float[] tct = new float[nh];
        float[] cPrev = new float[nh];
        float[] dh = new float[nh];
        float[] rec = new float[nh];
        float[] dcNextF = new float[nh];
        for (int step = frames - 1; step >= 0; step--) {
            int t = reverse ? frames - 1 - step : step;
            int tp = reverse ? t + 1 : t - 1;
            boolean hasPrev = step > 0;
            gates.read(t * n * g4, gt, 0, n * g4);
            tanhCell.read(t * nh, tct, 0, nh);
            if (hasPrev) cell.read(tp * nh, cPrev, 0, nh);
            dhRec.read(0, rec, 0, nh);
            for (int s = 0; s < n; s++) dH.read((t * n + s) * dhStride + dhOffset, dh, s * hidden, hidden);
            for (int s = 0; s < n; s++) {
                int go = s * g4;
                int co = s * hidden;
                if (t >= lengths[s]) {
                    java.util.Arrays.fill(gt, go, go + g4, 0f);
                    java.util.Arrays.fill(dcNextF, co, co + hidden, 0f);
                    continue;
                }
                for (int j = 0; j < hidden; j++) {
                    float i = gt[go + j];
                    float f = gt[go + hidden + j];
                    float g = gt[go + 2 * hidden + j];
                    float o = gt[go + 3 * hidden + j];
                    float tc = tct[co + j];
                    float d = dh[co + j] + rec[co + j];
                    float dc = dcNextF[co + j] + d * o * (1 - tc * tc);
                    float cprev = hasPrev ? cPrev[co + j] : 0f;
                    gt[go + j] = dc * g * i * (1 - i);
                    gt[go + hidden + j] = dc * cprev * f * (1 - f);
                    gt[go + 2 * hidden + j] = dc * i * (1 - g * g);
                    gt[go + 3 * hidden + j] = d * tc * o * (1 - o);
                    dcNextF[co + j] = dc * f;
                }
            }
            gates.write(t * n * g4, gt, 0, n * g4);
            Gemm.set(gates.matrix((long) t * n * g4, n, g4), false, wh.matrix(hidden, g4), true, dhRec.matrix(n, hidden));
        }
    }

    /**
     * After {@link #recurBackward}: the weight and bias gradients (large products) and the input gradient,
     * added into dxT ([T, N, inputs]) when it is not null (set instead when {@code setInput}).
     */
    void gradients(Tensor xT, Tensor dxT, boolean setInput) {
        int g4 = 4 * hidden;
        int rows = frames * n;
        var dG = gates.matrix(rows, g4);
        Gemm.add(hbuf.matrix((long) (reverse ? n * hidden : 0), rows, hidden), true, dG, false, wh.gradMatrix(hidden, g4));
        Gemm.add(xT.matrix(rows, inputs), true, dG, false, wx.gradMatrix(inputs, g4));
        Tensor db = bias.grad();
        double[] acc = new double[g4];
        if (gates.floats() != null) {
            float[] row = new float[g4];
            for (int r = 0; r < rows; r++) {
                gates.read(r * g4, row, 0, g4);
                for (int j = 0; j < g4; j++) acc[j] += row[j];
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int o = r * g4;
                for (int j = 0; j < g4; j++) acc[j] += gates.get(o + j);
            }
        }
        for (int j = 0; j < g4; j++) db.add(j, acc[j]);
        if (dxT != null) {
            Gemm.mul(dG, false, wx.matrix(inputs, g4), true, dxT.matrix(rows, inputs), 1.0, setInput ? 0.0 : 1.0);
        }
    }

    void release() {
        gates.release();
        cell.release();
        tanhCell.release();
        hbuf.release();
        dhRec.release();
        dcNext.release();
    }
}
