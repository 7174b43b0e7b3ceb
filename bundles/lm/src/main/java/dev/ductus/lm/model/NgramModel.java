package dev.ductus.lm.model;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.LmScore;
import java.util.HashMap;
import java.util.Map;

/**
 * A back-off n-gram model held in flat arrays, queried as KenLM's probing structure does. Unigram i is word i.
 * An n-gram w1..wn of order n >= 2 is the slot of key {@code (slot of w2..wn) << 32 | w1} in that order's
 * hash table, so scoring a word walks from the word back through its history one probe per order and stops at
 * the first miss. Immutable once built, hence thread-safe. Probabilities and weights are stored as log10
 * floats, as in ARPA; {@link #score} returns natural logs.
 */
public final class NgramModel {
    /** log10 probability that stands for "impossible" in ARPA files. */
    public static final float LOG10_ZERO = -99f;
    static final double LN10 = Math.log(10);
    private static final int[] NO_WORDS = new int[0];
    private static final float[] NO_WEIGHTS = new float[0];

    private final int order;
    private final String[] words;
    private final Map<String, Integer> ids;
    private final int[] counts;
    private final float[][] probs;
    private final float[][] backoffs;
    private final long[][] extended;
    private final LongKeyTable[] tables;
    private final int unk;
    private final int bos;
    private final int eos;

    /**
     * @param probs per order (index 1..N): unigram probabilities by word id, then by table slot
     * @param backoffs the same for log10 backoff weights (orders 1..N-1)
     * @param extended per order 1..N-1, a bit set over ids/slots: whether a longer n-gram extends the n-gram
     * @param tables per order 2..N
     */
    NgramModel(String[] words, int[] counts, float[][] probs, float[][] backoffs, long[][] extended, LongKeyTable[] tables) {
        this.order = counts.length - 1;
        this.words = words;
        this.counts = counts;
        this.probs = probs;
        this.backoffs = backoffs;
        this.extended = extended;
        this.tables = tables;
        this.ids = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) ids.put(words[i], i);
        this.unk = id("<unk>");
        this.bos = id("<s>");
        this.eos = id("</s>");
    }

    public int order() {
        return order;
    }

    public int vocabularySize() {
        return words.length;
    }

    public String word(int id) {
        return words[id];
    }

    /** The word's id, or -1. */
    public int id(String word) {
        Integer id = ids.get(word);
        return id == null ? -1 : id;
    }

    public int unkId() {
        return unk;
    }

    public int bosId() {
        return bos;
    }

    public int eosId() {
        return eos;
    }

    /** Number of n-grams of order n. */
    public int count(int n) {
        return counts[n];
    }

    /** Total number of n-grams of all orders. */
    public long totalCount() {
        long t = 0;
        for (int n = 1; n <= order; n++) t += counts[n];
        return t;
    }

    /** Number of slots of order n: word ids for n = 1, hash table slots above. */
    public int slots(int n) {
        return n == 1 ? words.length : tables[n].capacity();
    }

    public boolean occupied(int n, int slot) {
        return n == 1 || tables[n].keyAt(slot) != LongKeyTable.EMPTY;
    }

    public float prob(int n, int slot) {
        return probs[n][slot];
    }

    public float backoff(int n, int slot) {
        return n < order ? backoffs[n][slot] : 0f;
    }

    /** Whether some n-gram of order n+1 extends this one (so it can be a history). */
    public boolean extended(int n, int slot) {
        return n < order && (extended[n][slot >>> 6] & (1L << slot)) != 0;
    }

    /** The word ids (oldest first) of the n-gram in this slot, written to dst[0..n). */
    public int[] words(int n, int slot, int[] dst) {
        int s = slot;
        for (int i = 0; i < n - 1; i++) {
            long key = tables[n - i].keyAt(s);
            dst[i] = (int) key;
            s = (int) (key >>> 32);
        }
        dst[n - 1] = s;
        return dst;
    }

    /** The slot of the n-gram (word ids oldest first), or -1. */
    public int find(int[] ngram) {
        int n = ngram.length;
        int slot = ngram[n - 1];
        if (slot < 0 || slot >= words.length) return -1;
        for (int level = 2; level <= n && slot >= 0; level++) {
            slot = tables[level].find(((long) slot << 32) | ngram[n - level]);
        }
        return slot;
    }

    /** The state after {@code <s>} (the empty history when the model has no {@code <s>}). */
    public NgramState start(LanguageModel owner) {
        NgramState empty = empty(owner);
        if (bos < 0 || order == 1) return empty;
        boolean keep = extended(1, bos);
        return keep ? new NgramState(new int[] {bos}, new float[] {backoffs[1][bos]}, 0, owner)
                : new NgramState(NO_WORDS, NO_WEIGHTS, backoffs[1][bos], owner);
    }

    /** The empty history (no context at all). */
    public NgramState empty(LanguageModel owner) {
        return new NgramState(NO_WORDS, NO_WEIGHTS, 0, owner);
    }

    /**
     * The natural-log probability of word {@code w} after the state, and the following state. A word id of -1
     * (unknown, and the model has no {@code <unk>}) scores log10 -99 and restarts from the empty history.
     */
    public LmScore score(NgramState state, int w, LanguageModel owner) {
        if (w < 0 || w >= words.length) return new LmScore(LOG10_ZERO * LN10, empty(owner));
        int[] ctx = state.context();
        int k = ctx.length;
        int maxLevel = Math.min(k + 1, order);
        int[] slots = new int[maxLevel + 1];
        slots[1] = w;
        float prob = probs[1][w];
        int m = 1;
        while (m < maxLevel) {
            int slot = tables[m + 1].find(((long) slots[m] << 32) | ctx[m - 1]);
            if (slot < 0) break;
            m++;
            slots[m] = slot;
            prob = probs[m][slot];
        }
        double log10 = prob + state.pending();
        float[] ctxBackoffs = state.backoffs();
        for (int j = m; j <= k; j++) log10 += ctxBackoffs[j - 1];

        int full = Math.min(m, order - 1);
        int len = full;
        while (len > 0 && !extended(len, slots[len])) len--;
        double pending = 0;
        for (int j = len + 1; j <= full; j++) pending += backoffs[j][slots[j]];
        NgramState next;
        if (len == 0) {
            next = new NgramState(NO_WORDS, NO_WEIGHTS, pending, owner);
        } else {
            int[] nctx = new int[len];
            float[] nb = new float[len];
            nctx[0] = w;
            System.arraycopy(ctx, 0, nctx, 1, len - 1);
            for (int j = 1; j <= len; j++) nb[j - 1] = backoffs[j][slots[j]];
            next = new NgramState(nctx, nb, pending, owner);
        }
        return new LmScore(log10 * LN10, next);
    }

    // Raw access for the binary writer.
    float[] probArray(int n) {
        return probs[n];
    }

    float[] backoffArray(int n) {
        return backoffs[n];
    }

    long[] extendedBits(int n) {
        return extended[n];
    }

    LongKeyTable table(int n) {
        return tables[n];
    }

    String[] vocabulary() {
        return words;
    }
}
