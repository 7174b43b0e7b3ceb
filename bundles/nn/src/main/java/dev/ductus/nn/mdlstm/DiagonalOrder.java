package dev.ductus.nn.mdlstm;

import dev.ductus.nn.tensor.Batch;

/**
 * The cells of a batch of 2-D maps in the order one scanning direction computes them: anti-diagonal by
 * anti-diagonal (step k holds the cells whose distance i + j from the direction's start corner is k; they
 * only depend on step k - 1, so one step is one matrix product for the whole batch), within a step by sample
 * and row. Each sample is scanned from the corner of its own valid area, so padding never enters a sample's
 * recurrence and a sample computes the same in a batch as alone. Every direction has the same step sizes.
 */
public final class DiagonalOrder {
    private int cells;
    private int steps;
    private int[] stepStart = new int[1];
    private int[] position = new int[0];
    private int[] up = new int[0];
    private int[] left = new int[0];
    private int[] cellAt = new int[0];
    private int maxStep;

    /** Lays out the valid cells of {@code b} for direction {@code dir}; reuses its arrays between calls. */
    public DiagonalOrder layout(Batch b, ScanDirection dir) {
        int n = b.n();
        int hPad = b.height();
        int wPad = b.width();
        int total = 0;
        int k = 0;
        for (int s = 0; s < n; s++) {
            total += b.height(s) * b.width(s);
            if (b.height(s) > 0 && b.width(s) > 0) k = Math.max(k, b.height(s) + b.width(s) - 1);
        }
        cells = total;
        steps = k;
        if (position.length < total) {
            int grown = total + total / 4;
            position = new int[grown];
            up = new int[grown];
            left = new int[grown];
        }
        if (stepStart.length < steps + 1) stepStart = new int[steps + 1 + steps / 4];
        int positions = n * hPad * wPad;
        if (cellAt.length < positions) cellAt = new int[positions + positions / 4];
        int r = 0;
        maxStep = 0;
        for (int step = 0; step < steps; step++) {
            stepStart[step] = r;
            for (int s = 0; s < n; s++) {
                int hs = b.height(s);
                int ws = b.width(s);
                int i0 = Math.max(0, step - ws + 1);
                int i1 = Math.min(hs - 1, step);
                for (int i = i0; i <= i1; i++) {
                    int j = step - i;
                    int y = dir.flipY() ? hs - 1 - i : i;
                    int x = dir.flipX() ? ws - 1 - j : j;
                    int p = (s * hPad + y) * wPad + x;
                    position[r] = p;
                    cellAt[p] = r;
                    // the predecessors lie one step back toward the start corner, inside the sample's area
                    up[r] = i > 0 ? cellAt[p + (dir.flipY() ? wPad : -wPad)] : -1;
                    left[r] = j > 0 ? cellAt[p + (dir.flipX() ? 1 : -1)] : -1;
                    r++;
                }
            }
            maxStep = Math.max(maxStep, r - stepStart[step]);
        }
        stepStart[steps] = r;
        return this;
    }

    /** Valid cells of the batch. */
    public int cells() {
        return cells;
    }

    /** Anti-diagonals (the longest sample's height + width - 1). */
    public int steps() {
        return steps;
    }

    /** First cell of step k; {@code start(steps())} = cells(). */
    public int start(int k) {
        return stepStart[k];
    }

    /** The most cells any step has (rows of the largest per-step product). */
    public int maxStep() {
        return maxStep;
    }

    /** Batch position (sample * H * W + y * W + x) of cell r. */
    public int position(int r) {
        return position[r];
    }

    /** The cell before r along the direction's vertical axis, or -1 at the sample's start row. */
    public int up(int r) {
        return up[r];
    }

    /** The cell before r along the direction's horizontal axis, or -1 at the sample's start column. */
    public int left(int r) {
        return left[r];
    }
}
