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
 * c = i g + fy c(up) + fx c(left),   h = o tanh(c)
 * </pre>
 * The input projections come precomputed (one large product for all directions); each anti-diagonal adds its
 * recurrent part in one product for the whole batch ({@link StepProduct}); the gate nonlinearities of a
 * diagonal run as one vectorised loop ({@link GateActivation}), the rest of the gate arithmetic in plain loops
 * over Java arrays, which hold the cell states between the forward and the backward pass. The stacked
 * predecessor outputs {@code [h(up), h(left)]} of every cell stay in a native tensor, and the backward pass
 * leaves the gate gradients of every cell in another, so the layer can form the recurrent weight gradient
 * with one large product afterwards.
 */
public final class FloatScan {
    private final int h;
    private final int g5;
    private final DiagonalOrder order = new DiagonalOrder();
    private final StepProduct product = new StepProduct();
    private final Tensor hprev = new Tensor(DataType.FLOAT, 1);
    private final Tensor dz = new Tensor(DataType.FLOAT, 1);
    private final Tensor scratch = new Tensor(DataType.FLOAT, 1);
    private final double[] biasGrad;
    private float[] gates = new float[0];
    private float[] cell = new float[0];
    private float[] tanhCell = new float[0];
    private float[] hid = new float[0];
    private float[] dhRec = new float[0];
    private float[] dcRec = new float[0];
    private float[] stage = new float[0];
    private float[] zStep = new float[0];
    private float[] actStep = new float[0];
    private float[] cStep = new float[0];
    private float[] tcStep = new float[0];
    private float[] biasPattern = new float[0];
    private float[] scalePattern = new float[0];
    private float[] addPattern = new float[0];

    public FloatScan(int hidden) {
        this.h = hidden;
        this.g5 = 5 * hidden;
        this.biasGrad = new double[g5];
    }

    public DiagonalOrder order() {
        return order;
    }

    /** Outputs h of every cell, in the order's cell order ([cells, hidden]). */
    public float[] hidden() {
        return hid;
    }

    /** [h(up), h(left)] of every cell ([cells, 2 hidden], native), for the recurrent weight gradient. */
    public Tensor stackedPredecessors() {
        return hprev;
    }

    /** After {@link #backward}: d loss / d z of every cell ([cells, 5 hidden], native). */
    public Tensor gateGradients() {
        return dz;
    }

    /** After {@link #backward}: the bias gradient of this direction (sum of the gate gradients). */
    public double[] biasGradient() {
        return biasGrad;
    }

    /**
     * Runs the direction over the valid cells of {@code x}. {@code xw} holds x Wx of every batch position
     * (row stride {@code xwStride}, this direction's columns from {@code xwOff}), copied out of native memory
     * once for all directions: per-cell reads from a direct buffer cost more than the gate arithmetic of
     * small layers. {@code u} holds U ([2h, 5h]) from element {@code uOff}.
     */
    public void forward(Batch x, ScanDirection dir, float[] xw, int xwStride, int xwOff, float[] bias, Tensor u, long uOff) {
        order.layout(x, dir);
        int cells = order.cells();
        int m2 = order.maxStep();
        gates = grow(gates, cells * g5);
        cell = grow(cell, cells * h);
        tanhCell = grow(tanhCell, cells * h);
        hid = grow(hid, cells * h);
        stage = grow(stage, m2 * g5);
        zStep = grow(zStep, m2 * g5);
        actStep = grow(actStep, m2 * g5);
        cStep = grow(cStep, m2 * h);
        tcStep = grow(tcStep, m2 * h);
        patterns(bias, m2);
        hprev.ensure(Math.max(1, cells * 2 * h));
        scratch.ensure(Math.max(1, m2 * g5));
        FloatBuffer hp = hprev.floats();
        for (int k = 0; k < order.steps(); k++) {
            int start = order.start(k);
            int end = order.start(k + 1);
            int m = end - start;
            for (int r = start; r < end; r++) System.arraycopy(xw, order.position(r) * xwStride + xwOff, zStep, (r - start) * g5, g5);
            if (k == 0) {
                hprev.zero(start * 2 * h, end * 2 * h);
                Arrays.fill(stage, 0, m * g5, 0f);
            } else {
                gatherPredecessors(start, end);
                hp.put(start * 2 * h, stage, 0, m * 2 * h);
                product.multiply(hprev, (long) start * 2 * h, u, uOff, false, scratch, m, g5, 2 * h);
                scratch.floats().get(0, stage, 0, m * g5);
            }
            GateActivation.gates(zStep, stage, biasPattern, scalePattern, addPattern, actStep, m * g5);
            System.arraycopy(actStep, 0, gates, start * g5, m * g5);
            for (int r = start; r < end; r++) updateCell(r, (r - start) * h);
            GateActivation.tanh(cStep, tcStep, m * h);
            System.arraycopy(tcStep, 0, tanhCell, start * h, m * h);
            for (int r = start; r < end; r++) {
                int go = r * g5 + 4 * h;
                int co = r * h;
                for (int j = 0; j < h; j++) hid[co + j] = gates[go + j] * tanhCell[co + j];
            }
        }
    }

    /** Per position of a step block: the bias, and whether the gate is a sigmoid (scale 0.5, add 0.5) or tanh. */
    private void patterns(float[] bias, int m2) {
        biasPattern = grow(biasPattern, m2 * g5);
        scalePattern = grow(scalePattern, m2 * g5);
        addPattern = grow(addPattern, m2 * g5);
        for (int m = 0; m < m2; m++) {
            for (int q = 0; q < g5; q++) {
                boolean tanhGate = q >= 3 * h && q < 4 * h;
                biasPattern[m * g5 + q] = bias[q];
                scalePattern[m * g5 + q] = tanhGate ? 1f : 0.5f;
                addPattern[m * g5 + q] = tanhGate ? 0f : 0.5f;
            }
        }
    }

    private void gatherPredecessors(int start, int end) {
        for (int r = start; r < end; r++) {
            int base = (r - start) * 2 * h;
            int up = order.up(r);
            int left = order.left(r);
            if (up >= 0) System.arraycopy(hid, up * h, stage, base, h);
            else Arrays.fill(stage, base, base + h, 0f);
            if (left >= 0) System.arraycopy(hid, left * h, stage, base + h, h);
            else Arrays.fill(stage, base + h, base + 2 * h, 0f);
        }
    }

    /** c = i g + fy c(up) + fx c(left) of cell r, also into the step block at so. */
    private void updateCell(int r, int so) {
        int go = r * g5;
        int co = r * h;
        int up = order.up(r);
        int left = order.left(r);
        int uo = up * h;
        int lo = left * h;
        float[] gt = gates;
        for (int j = 0; j < h; j++) {
            float c = gt[go + j] * gt[go + 3 * h + j];
            if (up >= 0) c += gt[go + h + j] * cell[uo + j];
            if (left >= 0) c += gt[go + 2 * h + j] * cell[lo + j];
            cell[co + j] = c;
            cStep[so + j] = c;
        }
    }

    /**
     * Back-propagates through the last forward pass. {@code gradOut} holds d loss / d output per batch position
     * (row stride {@code gStride}, this direction's h values from {@code gOff}); the gate gradients of each
     * cell go into {@code dzPos} at its position (row stride {@code dzStride}, from {@code dzOff}) and into
     * {@link #gateGradients()} in cell order.
     */
    public void backward(float[] gradOut, int gStride, int gOff, Tensor u, long uOff, float[] dzPos, int dzStride, int dzOff) {
        int cells = order.cells();
        dhRec = grow(dhRec, cells * h);
        dcRec = grow(dcRec, cells * h);
        Arrays.fill(dhRec, 0, cells * h, 0f);
        Arrays.fill(dcRec, 0, cells * h, 0f);
        Arrays.fill(biasGrad, 0);
        dz.ensure(Math.max(1, cells * g5));
        FloatBuffer dzb = dz.floats();
        for (int k = order.steps() - 1; k >= 0; k--) {
            int start = order.start(k);
            int end = order.start(k + 1);
            int m = end - start;
            for (int r = start; r < end; r++) {
                int p = order.position(r);
                cellBackward(r, gradOut, p * gStride + gOff);
                int go = r * g5;
                System.arraycopy(gates, go, dzPos, p * dzStride + dzOff, g5);
                for (int q = 0; q < g5; q++) biasGrad[q] += gates[go + q];
            }
            dzb.put(start * g5, gates, start * g5, m * g5);
            if (k > 0) {
                product.multiply(dz, (long) start * g5, u, uOff, true, scratch, m, 2 * h, g5);
                scratch.floats().get(0, stage, 0, m * 2 * h);
                scatterPredecessors(start, end);
            }
        }
    }

    private void cellBackward(int r, float[] gradOut, int gi) {
        int go = r * g5;
        int co = r * h;
        int up = order.up(r);
        int left = order.left(r);
        int uo = up * h;
        int lo = left * h;
        float[] gt = gates;
        for (int j = 0; j < h; j++) {
            float i = gt[go + j];
            float fy = gt[go + h + j];
            float fx = gt[go + 2 * h + j];
            float g = gt[go + 3 * h + j];
            float o = gt[go + 4 * h + j];
            float tc = tanhCell[co + j];
            float dh = gradOut[gi + j] + dhRec[co + j];
            float dc = dcRec[co + j] + dh * o * (1 - tc * tc);
            float cy = up >= 0 ? cell[uo + j] : 0f;
            float cx = left >= 0 ? cell[lo + j] : 0f;
            gt[go + j] = dc * g * i * (1 - i);
            gt[go + h + j] = dc * cy * fy * (1 - fy);
            gt[go + 2 * h + j] = dc * cx * fx * (1 - fx);
            gt[go + 3 * h + j] = dc * i * (1 - g * g);
            gt[go + 4 * h + j] = dh * tc * o * (1 - o);
            if (up >= 0) dcRec[uo + j] += dc * fy;
            if (left >= 0) dcRec[lo + j] += dc * fx;
        }
    }

    private void scatterPredecessors(int start, int end) {
        for (int r = start; r < end; r++) {
            int base = (r - start) * 2 * h;
            int up = order.up(r);
            int left = order.left(r);
            if (up >= 0) {
                int uo = up * h;
                for (int j = 0; j < h; j++) dhRec[uo + j] += stage[base + j];
            }
            if (left >= 0) {
                int lo = left * h;
                for (int j = 0; j < h; j++) dhRec[lo + j] += stage[base + h + j];
            }
        }
    }

    private static float[] grow(float[] a, int size) {
        return a.length >= size ? a : new float[size + size / 4];
    }

    /** Frees the native buffers now. */
    public void release() {
        hprev.release();
        dz.release();
        scratch.release();
    }
}
