package dev.ductus.hmm.topology;

/**
 * Estimates how many frames each symbol covers on average, from nothing but line lengths and transcriptions:
 * every line's frame count is modelled as a margin plus the sum of its symbols' widths,
 * {@code T_l ~ m + sum_c n_lc w_c}, and the widths are the least-squares solution with a ridge pulling each
 * width towards the overall average (as if every symbol had been seen {@code prior} more times alone at the
 * average width), so rare symbols get sensible widths too. The state count of a symbol's model then follows
 * from its width and the desired frames per state.
 */
public final class CharacterWidthEstimator {
    private final int symbols;
    private final double[][] normal;
    private final double[] rhs;
    private long totalFrames;
    private long totalSymbols;
    private int lines;

    public CharacterWidthEstimator(int symbols) {
        this.symbols = symbols;
        this.normal = new double[symbols + 1][symbols + 1];
        this.rhs = new double[symbols + 1];
    }

    /** Adds one line: its frame count and its symbols (alphabet indices). */
    public void add(int frames, int[] labels) {
        double[] row = new double[symbols + 1];
        for (int c : labels) row[c]++;
        row[symbols] = 1; // the margin
        for (int i = 0; i <= symbols; i++) {
            if (row[i] == 0) continue;
            rhs[i] += row[i] * frames;
            for (int j = 0; j <= symbols; j++) normal[i][j] += row[i] * row[j];
        }
        totalFrames += frames;
        totalSymbols += labels.length;
        lines++;
    }

    /** Estimated frames per symbol (length = symbols), each at least {@code minWidth}. */
    public double[] widths(double prior, double minWidth) {
        if (lines == 0 || totalSymbols == 0) throw new IllegalStateException("no lines to estimate widths from");
        double average = (double) totalFrames / totalSymbols;
        int n = symbols + 1;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(normal[i], 0, a[i], 0, n);
            a[i][n] = rhs[i];
        }
        for (int c = 0; c < symbols; c++) {
            a[c][c] += prior;
            a[c][n] += prior * average;
        }
        a[symbols][symbols] += 1e-3; // a weak pull of the margin towards zero keeps the system regular
        double[] x = solve(a, n);
        double[] w = new double[symbols];
        for (int c = 0; c < symbols; c++) w[c] = Math.max(minWidth, Double.isFinite(x[c]) ? x[c] : average);
        return w;
    }

    /** Frames per symbol over all lines, margins included: the width rare symbols are pulled towards. */
    public double averageWidth() {
        return totalSymbols == 0 ? Double.NaN : (double) totalFrames / totalSymbols;
    }

    /** States per symbol: round(width / framesPerState), clamped to [minStates, maxStates]. */
    public static int[] stateCounts(double[] widths, double framesPerState, int minStates, int maxStates) {
        int[] counts = new int[widths.length];
        for (int c = 0; c < widths.length; c++) {
            counts[c] = (int) Math.max(minStates, Math.min(maxStates, Math.round(widths[c] / framesPerState)));
        }
        return counts;
    }

    /** Gaussian elimination with partial pivoting on the augmented n x (n + 1) matrix. */
    private static double[] solve(double[][] a, int n) {
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double p = a[col][col];
            if (Math.abs(p) < 1e-12) continue;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / p;
                if (f == 0) continue;
                for (int k = col; k <= n; k++) a[r][k] -= f * a[col][k];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) s -= a[r][k] * x[k];
            x[r] = Math.abs(a[r][r]) < 1e-12 ? Double.NaN : s / a[r][r];
        }
        return x;
    }
}
