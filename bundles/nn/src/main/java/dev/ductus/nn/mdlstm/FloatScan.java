package dev.ductus.nn.mdlstm;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One scanning direction of a 2-D LSTM layer in single precision (the training and inference path; its twin
 * {@link DoubleScan} serves gradient checks and must compute the same). Per cell, gates ordered
 * {@code i, fy, fx, g, o} (input, forget the cell above, forget the cell to the left, cell input, output):
 * <pre>
 * z = x Wx + [h(up), h(left)] U + b
 * c = i g + fy c(up) + fx c(left) (bounded: GateActivation.CELL_LIMIT),   h = o tanh(c)
 * </pre>
 * Cells are kept in the order of {@link DiagonalOrder}, and every quantity of an anti-diagonal is stored as
 * planes (one row of the diagonal's cells per unit of a gate), so that all arithmetic of a diagonal runs as
 * long loops over arrays at the same index, which the JIT vectorises, instead of short loops per cell. The
 * input rows are gathered in cell order and multiplied by Wx in one product (gate-major); each anti-diagonal
 * adds its recurrent part {@code U^T [h(up); h(left)]} in one product for the whole batch; the stacked
 * predecessor outputs ([2h, cells]) and the gate gradients ([5h, cells]) stay in native tensors, so the weight
 * and input gradients are one product each. All products run on the scan's own thread ({@link StepProduct}).
 */
public final class FloatScan {
    private final int h;
    private final int g5;
    private final int cin;
    private final DiagonalOrder order = new DiagonalOrder();
    private final StepProduct product = new StepProduct();
    private final Tensor xd = new Tensor(DataType.FLOAT, 1);
    private final Tensor xwT = new Tensor(DataType.FLOAT, 1);
    private final Tensor hprevT = new Tensor(DataType.FLOAT, 1);
    private final Tensor dzT = new Tensor(DataType.FLOAT, 1);
    private final Tensor dxd = new Tensor(DataType.FLOAT, 1);
    private final Tensor scratch = new Tensor(DataType.FLOAT, 1);
    private final double[] biasGrad;
    private final float[][] gate = new float[5][0];
    private float[] xw = new float[0];
    private float[] gatesStore = new float[0];
    private float[] cellStore = new float[0];
    private float[] tcStore = new float[0];
    private float[] hidStore = new float[0];
    private float[] dhRec = new float[0];
    private float[] dcRec = new float[0];
    private float[] rec = new float[0];
    private float[] cu = new float[0];
    private float[] cl = new float[0];
    private float[] c = new float[0];
    private float[] tc = new float[0];
    private float[] hh = new float[0];
    private float[] dh = new float[0];
    private float[] dc = new float[0];
    private float[] tmp = new float[0];
    private float[] rows = new float[0];

    public FloatScan(int inputs, int hidden) {
        this.cin = inputs;
        this.h = hidden;
        this.g5 = 5 * hidden;
        this.biasGrad = new double[g5];
    }

    public DiagonalOrder order() {
        return order;
    }

    /** After {@link #recurBackward}: the bias gradient of this direction (sum of the gate gradients). */
    public double[] biasGradient() {
        return biasGrad;
    }

    /** Lays the valid cells of {@code x} out for direction {@code dir} and gathers their input rows. */
    public void prepare(Batch x, ScanDirection dir, float[] xRows) {
        order.layout(x, dir);
        int cells = order.cells();
        int steps = order.maxStep() * h;
        rows = grow(rows, Math.max(cells * cin, 2 * steps));
        for (int r = 0; r < cells; r++) System.arraycopy(xRows, order.position(r) * cin, rows, r * cin, cin);
        xd.ensure(Math.max(1, cells * cin));
        xd.write(0, rows, 0, cells * cin);
        xwT.ensure(Math.max(1, g5 * cells));
        dxd.ensure(Math.max(1, cells * cin));
        hprevT.ensure(Math.max(1, 2 * h * cells));
        scratch.ensure(Math.max(1, g5 * order.maxStep()));
        for (int g = 0; g < 5; g++) gate[g] = grow(gate[g], steps);
        rec = grow(rec, steps);
        cu = grow(cu, steps);
        cl = grow(cl, steps);
        c = grow(c, steps);
        tc = grow(tc, steps);
        hh = grow(hh, steps);
        dh = grow(dh, steps);
        dc = grow(dc, steps);
        tmp = grow(tmp, steps);
        gatesStore = grow(gatesStore, cells * g5);
        cellStore = grow(cellStore, cells * h);
        tcStore = grow(tcStore, cells * h);
        hidStore = grow(hidStore, cells * h);
    }

    /** The input projections, gate-major: [5h, cells] = Wx^T [5h, in] x rows^T [in, cells], Wx ([in, 5h]) at wxOff. */
    public void project(Tensor wx, long wxOff) {
        int cells = order.cells();
        product.multiply(true, wx, wxOff, g5, true, xd, 0, cin, xwT, 0, cells, g5, cells, cin, 0);
    }

    /**
     * After {@link #recurBackward}: adds this direction's weight gradients over all its cells, one product each,
     * dU = [h(up); h(left)] dz^T into whGrad at whOff and dWx = rows^T dz^T into wxGrad at wxOff, and when wanted
     * forms the gradient of its input rows, dz^T Wx^T ({@link #addInputGradient} spreads it to the positions).
     */
    public void gradients(Tensor whGrad, long whOff, Tensor wx, Tensor wxGrad, long wxOff, boolean inputGradient) {
        int cells = order.cells();
        product.multiply(false, hprevT, 0, cells, true, dzT, 0, cells, whGrad, whOff, g5, 2 * h, g5, cells, 1);
        product.multiply(true, xd, 0, cin, true, dzT, 0, cells, wxGrad, wxOff, g5, cin, g5, cells, 1);
        if (inputGradient) product.multiply(true, dzT, 0, cells, true, wx, wxOff, g5, dxd, 0, cin, cells, cin, g5, 0);
    }

    /** The forward recurrence, after {@link #project}; U ([2h, 5h]) at uOff of u. */
    public void recur(float[] bias, Tensor u, long uOff) {
        int cells = order.cells();
        xw = grow(xw, g5 * cells);
        xwT.floats().get(0, xw, 0, g5 * cells);
        FloatBuffer hp = hprevT.floats();
        for (int k = 0; k < order.steps(); k++) {
            int start = order.start(k);
            int m = order.start(k + 1) - start;
            int hm = h * m;
            for (int g = 0; g < 5; g++) {
                float[] z = gate[g];
                for (int j = 0; j < h; j++) {
                    int q = g * h + j;
                    System.arraycopy(xw, q * cells + start, z, j * m, m);
                    float b = bias[q];
                    for (int i = j * m; i < (j + 1) * m; i++) z[i] += b;
                }
            }
            if (k == 0) {
                Arrays.fill(rec, 0, hm, 0f);
                Arrays.fill(cu, 0, hm, 0f);
                Arrays.fill(cl, 0, hm, 0f);
                for (int q = 0; q < 2 * h; q++) hprevT.zero(q * cells + start, q * cells + start + m);
            } else {
                gatherPredecessors(k, rows, hidStore, true);
                for (int q = 0; q < 2 * h; q++) hp.put(q * cells + start, rows, q * m, m);
                gatherPredecessors(k, null, cellStore, false);
                // C [5h, m] = U^T [5h, 2h] * stacked predecessors [2h, m] (row stride: all cells)
                product.multiply(true, u, uOff, g5, false, hprevT, start, cells, scratch, 0, m, g5, m, 2 * h, 0);
            }
            for (int g = 0; g < 5; g++) {
                if (k > 0) scratch.floats().get(g * hm, rec, 0, hm);
                if (g == 3) GateActivation.tanhOfSum(gate[g], rec, hm);
                else GateActivation.sigmoidOfSum(gate[g], rec, hm);
            }
            float[] in = gate[0];
            float[] fy = gate[1];
            float[] fx = gate[2];
            float[] gg = gate[3];
            float[] o = gate[4];
            for (int q = 0; q < hm; q++) c[q] = in[q] * gg[q];
            for (int q = 0; q < hm; q++) c[q] += fy[q] * cu[q];
            for (int q = 0; q < hm; q++) c[q] += fx[q] * cl[q];
            GateActivation.bound(c, hm);
            GateActivation.tanh(c, tc, hm);
            for (int q = 0; q < hm; q++) hh[q] = o[q] * tc[q];
            for (int g = 0; g < 5; g++) System.arraycopy(gate[g], 0, gatesStore, start * g5 + g * hm, hm);
            System.arraycopy(c, 0, cellStore, start * h, hm);
            System.arraycopy(tc, 0, tcStore, start * h, hm);
            System.arraycopy(hh, 0, hidStore, start * h, hm);
        }
    }

    /**
     * For the cells of step k (> 0), the values of {@code store} (a per-cell quantity of h units, step-planar) at
     * their predecessors: into {@code stacked} as rows [up units; left units] when given, else into cu and cl.
     */
    private void gatherPredecessors(int k, float[] stacked, float[] store, boolean toStacked) {
        int start = order.start(k);
        int m = order.start(k + 1) - start;
        int prevStart = order.start(k - 1);
        int prevM = start - prevStart;
        float[] upDst = toStacked ? stacked : cu;
        float[] leftDst = toStacked ? stacked : cl;
        int leftOff = toStacked ? h * m : 0;
        for (int i = 0; i < m; i++) {
            int up = order.up(start + i);
            int left = order.left(start + i);
            if (up >= 0) {
                int base = prevStart * h + (up - prevStart);
                for (int j = 0; j < h; j++) upDst[j * m + i] = store[base + j * prevM];
            } else {
                for (int j = 0; j < h; j++) upDst[j * m + i] = 0f;
            }
            if (left >= 0) {
                int base = prevStart * h + (left - prevStart);
                for (int j = 0; j < h; j++) leftDst[leftOff + j * m + i] = store[base + j * prevM];
            } else {
                for (int j = 0; j < h; j++) leftDst[leftOff + j * m + i] = 0f;
            }
        }
    }

    /** Adds the outputs h of every cell into {@code out} (position-major, row stride outC, from channel off). */
    public void addOutput(float[] out, int outC, int off) {
        for (int k = 0; k < order.steps(); k++) {
            int start = order.start(k);
            int m = order.start(k + 1) - start;
            for (int i = 0; i < m; i++) {
                int o = order.position(start + i) * outC + off;
                int base = start * h + i;
                for (int j = 0; j < h; j++) out[o + j] += hidStore[base + j * m];
            }
        }
    }

    /**
     * Back-propagates through the last forward pass. {@code gradOut} holds d loss / d output per batch position
     * (row stride {@code gStride}, this direction's h values from {@code gOff}). Leaves the gate gradients of every
     * cell for {@link #gradients} and the bias gradient in {@link #biasGradient()}.
     */
    public void recurBackward(float[] gradOut, int gStride, int gOff, Tensor u, long uOff) {
        int cells = order.cells();
        dhRec = grow(dhRec, cells * h);
        dcRec = grow(dcRec, cells * h);
        Arrays.fill(dhRec, 0, cells * h, 0f);
        Arrays.fill(dcRec, 0, cells * h, 0f);
        Arrays.fill(biasGrad, 0);
        dzT.ensure(Math.max(1, g5 * cells));
        FloatBuffer dzb = dzT.floats();
        float[] in = gate[0];
        float[] fy = gate[1];
        float[] fx = gate[2];
        float[] gg = gate[3];
        float[] o = gate[4];
        float[] upc = c;
        float[] leftc = hh;
        for (int k = order.steps() - 1; k >= 0; k--) {
            int start = order.start(k);
            int m = order.start(k + 1) - start;
            int hm = h * m;
            for (int g = 0; g < 5; g++) System.arraycopy(gatesStore, start * g5 + g * hm, gate[g], 0, hm);
            System.arraycopy(tcStore, start * h, tc, 0, hm);
            if (k > 0) {
                gatherPredecessors(k, null, cellStore, false);
            } else {
                Arrays.fill(cu, 0, hm, 0f);
                Arrays.fill(cl, 0, hm, 0f);
            }
            for (int i = 0; i < m; i++) {
                int gi = order.position(start + i) * gStride + gOff;
                for (int j = 0; j < h; j++) dh[j * m + i] = gradOut[gi + j];
            }
            System.arraycopy(dhRec, start * h, tmp, 0, hm);
            for (int q = 0; q < hm; q++) dh[q] += tmp[q];
            System.arraycopy(dcRec, start * h, dc, 0, hm);
            for (int q = 0; q < hm; q++) dc[q] += dh[q] * o[q] * (1 - tc[q] * tc[q]);
            GateActivation.stopAtBound(dc, cellStore, start * h, hm);
            for (int q = 0; q < hm; q++) o[q] = dh[q] * tc[q] * o[q] * (1 - o[q]);
            for (int q = 0; q < hm; q++) tmp[q] = dc[q] * in[q];
            for (int q = 0; q < hm; q++) in[q] = dc[q] * gg[q] * in[q] * (1 - in[q]);
            for (int q = 0; q < hm; q++) gg[q] = tmp[q] * (1 - gg[q] * gg[q]);
            for (int q = 0; q < hm; q++) upc[q] = dc[q] * fy[q];
            for (int q = 0; q < hm; q++) fy[q] = dc[q] * cu[q] * fy[q] * (1 - fy[q]);
            for (int q = 0; q < hm; q++) leftc[q] = dc[q] * fx[q];
            for (int q = 0; q < hm; q++) fx[q] = dc[q] * cl[q] * fx[q] * (1 - fx[q]);
            for (int g = 0; g < 5; g++) {
                float[] z = gate[g];
                for (int j = 0; j < h; j++) {
                    dzb.put((g * h + j) * cells + start, z, j * m, m);
                    double s = 0;
                    for (int i = j * m; i < (j + 1) * m; i++) s += z[i];
                    biasGrad[g * h + j] += s;
                }
            }
            if (k > 0) {
                scatterToPredecessors(k, upc, leftc, 0, dcRec);
                // [2h, m] = U [2h, 5h] * gate gradients [5h, m] (row stride: all cells)
                product.multiply(false, u, uOff, g5, false, dzT, start, cells, scratch, 0, m, 2 * h, m, g5, 0);
                scratch.floats().get(0, rows, 0, 2 * hm);
                scatterToPredecessors(k, rows, rows, hm, dhRec);
            }
        }
    }

    /** Adds the per-unit rows of step k ([h, m] for the up and the left predecessors) into a step-planar store. */
    private void scatterToPredecessors(int k, float[] up, float[] left, int leftOff, float[] store) {
        int start = order.start(k);
        int m = order.start(k + 1) - start;
        int prevStart = order.start(k - 1);
        int prevM = start - prevStart;
        for (int i = 0; i < m; i++) {
            int u = order.up(start + i);
            int l = order.left(start + i);
            if (u >= 0) {
                int base = prevStart * h + (u - prevStart);
                for (int j = 0; j < h; j++) store[base + j * prevM] += up[j * m + i];
            }
            if (l >= 0) {
                int base = prevStart * h + (l - prevStart);
                for (int j = 0; j < h; j++) store[base + j * prevM] += left[leftOff + j * m + i];
            }
        }
    }

    /** Adds the input rows' gradient of {@link #gradients} into {@code dx} (position-major, row stride in) at each cell's position. */
    public void addInputGradient(float[] dx) {
        int cells = order.cells();
        rows = grow(rows, cells * cin);
        dxd.floats().get(0, rows, 0, cells * cin);
        for (int r = 0; r < cells; r++) {
            int o = order.position(r) * cin;
            for (int j = 0; j < cin; j++) dx[o + j] += rows[r * cin + j];
        }
    }

    private static float[] grow(float[] a, int size) {
        return a.length >= size ? a : new float[size + size / 4];
    }

    /** Frees the native buffers now. */
    public void release() {
        xd.release();
        xwT.release();
        hprevT.release();
        dzT.release();
        dxd.release();
        scratch.release();
    }
}
