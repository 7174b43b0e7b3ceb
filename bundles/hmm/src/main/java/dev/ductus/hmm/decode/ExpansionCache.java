package dev.ductus.hmm.decode;

import java.util.Arrays;

/**
 * The successors of (context, symbol) pairs, asked of the linguistic search once per decoding call and kept in
 * flat arrays: a context that lets tokens leave a symbol model gets a block of one pair per symbol, and each
 * pair has room for two successors (with and without a word boundary, the most any search gives). The best
 * step score of a pair ({@code NaN} until expanded) lets the decoder reject a pair in one comparison, and a
 * successor context is kept as the object the linguistic search made until a token first reaches it inside
 * the beam, when the decoder interns it (most successors never get there).
 */
final class ExpansionCache {
    private final int symbols;
    private int[] baseOfContext = new int[1024];
    private int pairs;
    double[] stepMax;
    byte[] count;
    double[] score;
    int[] next;
    Object[] pending;
    boolean[] boundary;

    ExpansionCache(int symbols) {
        this.symbols = symbols;
        Arrays.fill(baseOfContext, -1);
        int cap = 64 * symbols;
        stepMax = new double[cap];
        count = new byte[cap];
        score = new double[2 * cap];
        next = new int[2 * cap];
        pending = new Object[2 * cap];
        boundary = new boolean[2 * cap];
    }

    /** The first pair of the context's block, allocated (all pairs unexpanded) on first use. */
    int base(int ctx) {
        if (ctx >= baseOfContext.length) {
            int old = baseOfContext.length;
            baseOfContext = Arrays.copyOf(baseOfContext, Math.max(2 * old, ctx + 1));
            Arrays.fill(baseOfContext, old, baseOfContext.length, -1);
        }
        int b = baseOfContext[ctx];
        if (b >= 0) return b;
        if (pairs + symbols > stepMax.length) grow();
        b = pairs;
        Arrays.fill(stepMax, b, b + symbols, Double.NaN);
        pairs += symbols;
        baseOfContext[ctx] = b;
        return b;
    }

    private void grow() {
        int cap = 2 * stepMax.length;
        stepMax = Arrays.copyOf(stepMax, cap);
        count = Arrays.copyOf(count, cap);
        score = Arrays.copyOf(score, 2 * cap);
        next = Arrays.copyOf(next, 2 * cap);
        pending = Arrays.copyOf(pending, 2 * cap);
        boundary = Arrays.copyOf(boundary, 2 * cap);
    }

    void add(int pair, double s, Object nextContext, boolean isBoundary) {
        int k = count[pair];
        if (k == 2) throw new IllegalStateException("more than two successors of a context through one symbol");
        int i = 2 * pair + k;
        score[i] = s;
        next[i] = -1;
        pending[i] = nextContext;
        boundary[i] = isBoundary;
        count[pair] = (byte) (k + 1);
        if (s > stepMax[pair]) stepMax[pair] = s;
    }
}
