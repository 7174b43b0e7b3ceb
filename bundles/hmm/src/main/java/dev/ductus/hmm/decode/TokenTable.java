package dev.ductus.hmm.decode;

import java.util.Arrays;

/**
 * The tokens of one frame, recombined on (HMM state, context): an open-addressing hash from the packed key to
 * a dense slot, with the token fields in parallel arrays. A token that has just entered a symbol carries its
 * entry (previous trace, symbol, boundary) until the frame is pruned, so trace records are only written for
 * entries that survive.
 */
final class TokenTable {
    private static final long EMPTY = -1L;

    int size;
    int[] state = new int[256];
    int[] context = new int[256];
    double[] score = new double[256];
    /** The token's trace record, or for a pending entry the trace it continues. */
    int[] trace = new int[256];
    /** The symbol a pending entry starts, -1 when the token is not a pending entry. */
    int[] entrySymbol = new int[256];
    boolean[] boundary = new boolean[256];
    double best = Double.NEGATIVE_INFINITY;
    double threshold = Double.NEGATIVE_INFINITY;

    private long[] keys = new long[1024];
    private int[] slots = new int[1024];
    private int mask = 1023;
    /** Scratch space of the histogram pruning, kept between frames. */
    private double[] selection = new double[0];

    TokenTable() {
        Arrays.fill(keys, EMPTY);
    }

    void clear() {
        if (size > 0) Arrays.fill(keys, EMPTY);
        size = 0;
        best = Double.NEGATIVE_INFINITY;
        threshold = Double.NEGATIVE_INFINITY;
    }

    /** Keeps the better of the new token and the one already at (state, context); returns whether it was kept. */
    boolean offer(int g, int ctx, double s, int traceId, int symbol, boolean isBoundary) {
        long key = ((long) ctx << 32) | (g & 0xffffffffL);
        int h = hash(key) & mask;
        while (true) {
            long k = keys[h];
            if (k == EMPTY) break;
            if (k == key) {
                int i = slots[h];
                if (s <= score[i]) return false;
                score[i] = s;
                trace[i] = traceId;
                entrySymbol[i] = symbol;
                boundary[i] = isBoundary;
                if (s > best) best = s;
                return true;
            }
            h = (h + 1) & mask;
        }
        if (size == state.length) grow();
        int i = size++;
        keys[h] = key;
        slots[h] = i;
        state[i] = g;
        context[i] = ctx;
        score[i] = s;
        trace[i] = traceId;
        entrySymbol[i] = symbol;
        boundary[i] = isBoundary;
        if (s > best) best = s;
        if (2 * size > mask) rehash();
        return true;
    }

    private static int hash(long key) {
        // the high half of the product carries every key bit; fold it down so the masked low bits see all of them
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 31));
    }

    private void grow() {
        int n = state.length * 2;
        state = Arrays.copyOf(state, n);
        context = Arrays.copyOf(context, n);
        score = Arrays.copyOf(score, n);
        trace = Arrays.copyOf(trace, n);
        entrySymbol = Arrays.copyOf(entrySymbol, n);
        boundary = Arrays.copyOf(boundary, n);
    }

    private void rehash() {
        int cap = keys.length * 2;
        keys = new long[cap];
        slots = new int[cap];
        mask = cap - 1;
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < size; i++) {
            long key = ((long) context[i] << 32) | (state[i] & 0xffffffffL);
            int h = hash(key) & mask;
            while (keys[h] != EMPTY) h = (h + 1) & mask;
            keys[h] = key;
            slots[h] = i;
        }
    }

    /**
     * Sets the survival threshold: within {@code beam} of the best, and at most {@code maxTokens} tokens. The
     * histogram cut is the maxTokens-th best score, found by selection (linear time) rather than a sort; tied
     * scores at the cut all survive, as before.
     */
    void prune(double beam, int maxTokens) {
        threshold = best - beam;
        int alive = 0;
        for (int i = 0; i < size; i++) if (score[i] >= threshold) alive++;
        if (alive <= maxTokens) return;
        if (selection.length < alive) selection = new double[Math.max(alive, 2 * selection.length)];
        double[] v = selection;
        int n = 0;
        for (int i = 0; i < size; i++) if (score[i] >= threshold) v[n++] = score[i];
        threshold = kthSmallest(v, n, alive - maxTokens);
    }

    /** The k-th smallest (0-based) of v[0..n), reordering v: Hoare's selection with a median-of-three pivot. */
    static double kthSmallest(double[] v, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] < v[lo]) swap(v, mid, lo);
            if (v[hi] < v[lo]) swap(v, hi, lo);
            if (v[hi] < v[mid]) swap(v, hi, mid);
            double pivot = v[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) i++;
                while (v[j] > pivot) j--;
                if (i <= j) {
                    swap(v, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }

    private static void swap(double[] v, int a, int b) {
        double t = v[a];
        v[a] = v[b];
        v[b] = t;
    }

    boolean alive(int i) {
        return score[i] >= threshold;
    }
}
