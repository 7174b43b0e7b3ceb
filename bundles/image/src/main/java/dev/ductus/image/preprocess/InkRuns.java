package dev.ductus.image.preprocess;

import java.util.Arrays;

/**
 * The horizontal runs of ink of a mask, row by row in scan order: run i lies in row {@code row[i]} over the
 * columns {@code [start[i], end[i])}, and the runs of row y are {@code firstOfRow[y]} to
 * {@code firstOfRow[y + 1] - 1}. A text mask holds a few runs per row, so work per run instead of per pixel is
 * where the speck filter saves its time.
 */
final class InkRuns {
    final int width;
    final int height;
    final int count;
    final int[] row;
    final int[] start;
    final int[] end;
    final int[] firstOfRow;

    private InkRuns(int width, int height, int count, int[] row, int[] start, int[] end, int[] firstOfRow) {
        this.width = width;
        this.height = height;
        this.count = count;
        this.row = row;
        this.start = start;
        this.end = end;
        this.firstOfRow = firstOfRow;
    }

    static InkRuns of(InkMask mask) {
        int w = mask.width();
        int h = mask.height();
        boolean[] ink = mask.flags();
        int capacity = 256;
        int[] row = new int[capacity];
        int[] start = new int[capacity];
        int[] end = new int[capacity];
        int[] firstOfRow = new int[h + 1];
        int n = 0;
        for (int y = 0; y < h; y++) {
            firstOfRow[y] = n;
            int base = y * w;
            int x = 0;
            while (x < w) {
                if (!ink[base + x]) {
                    x++;
                    continue;
                }
                int s = x;
                while (x < w && ink[base + x]) x++;
                if (n == capacity) {
                    capacity *= 2;
                    row = Arrays.copyOf(row, capacity);
                    start = Arrays.copyOf(start, capacity);
                    end = Arrays.copyOf(end, capacity);
                }
                row[n] = y;
                start[n] = s;
                end[n] = x;
                n++;
            }
        }
        firstOfRow[h] = n;
        return new InkRuns(w, h, n, row, start, end, firstOfRow);
    }

    int length(int run) {
        return end[run] - start[run];
    }

    /**
     * The 8-connected component of every run, as the index of a representative run (union-find over the runs of
     * neighbouring rows that touch, diagonals included).
     */
    int[] components() {
        int[] parent = new int[count];
        for (int i = 0; i < count; i++) parent[i] = i;
        for (int y = 1; y < height; y++) {
            int q = firstOfRow[y - 1];
            int qEnd = firstOfRow[y];
            for (int r = firstOfRow[y]; r < firstOfRow[y + 1]; r++) {
                // runs above that end left of this run's reach cannot touch it or any later run of this row
                while (q < qEnd && end[q] < start[r]) q++;
                for (int k = q; k < qEnd && start[k] <= end[r]; k++) union(parent, r, k);
            }
        }
        for (int i = 0; i < count; i++) parent[i] = find(parent, i);
        return parent;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
