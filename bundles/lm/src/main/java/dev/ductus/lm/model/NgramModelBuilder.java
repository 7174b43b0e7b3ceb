package dev.ductus.lm.model;

import dev.ductus.lm.count.IntSequenceTable;

/**
 * Turns lists of n-grams into an {@link NgramModel}. The probing structure needs every n-gram's suffix and
 * prefix to be present (the suffix to reach it, the prefix to carry its history in a state). Estimated models
 * always are closed that way; ARPA files from pruning tools sometimes are not, so missing ones are inserted
 * as KenLM does: with the probability the back-off model already gives them and a zero backoff weight, which
 * leaves every score unchanged.
 */
public final class NgramModelBuilder {
    /** An n-gram listed twice: the order and the index of the second entry in its list. */
    public static final class DuplicateNgramException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        public final int order;
        public final int entry;

        DuplicateNgramException(int order, int entry) {
            super("duplicate " + order + "-gram (entry " + entry + ")");
            this.order = order;
            this.entry = entry;
        }
    }

    private NgramModelBuilder() {
    }

    /**
     * @param vocabulary word strings; unigram list entries name words by index into it
     * @param lists index 1..N; lists of lower orders may gain derived entries
     * @return the model; every word must have exactly one unigram
     */
    public static NgramModel build(String[] vocabulary, NgramList[] lists) {
        int order = lists.length - 1;
        int v = vocabulary.length;
        IntSequenceTable[] sets = new IntSequenceTable[order + 1];
        for (int n = 2; n <= order; n++) {
            NgramList list = lists[n];
            IntSequenceTable set = new IntSequenceTable(n, list.size());
            int[] flat = list.flatWords();
            for (int i = 0; i < list.size(); i++) {
                if (set.add(flat, i * n) != i) throw new DuplicateNgramException(n, i);
            }
            sets[n] = set;
        }
        close(lists, sets, order);

        int[] counts = new int[order + 1];
        float[][] probs = new float[order + 1][];
        float[][] backoffs = new float[order + 1][];
        long[][] extended = new long[order + 1][];
        LongKeyTable[] tables = new LongKeyTable[order + 1];

        NgramList uni = lists[1];
        if (uni.size() != v) throw new IllegalArgumentException(uni.size() + " unigrams for " + v + " words");
        probs[1] = new float[v];
        backoffs[1] = new float[v];
        boolean[] seen = new boolean[v];
        for (int i = 0; i < v; i++) {
            int w = uni.word(i, 0);
            if (seen[w]) throw new DuplicateNgramException(1, i);
            seen[w] = true;
            probs[1][w] = uni.prob(i);
            backoffs[1][w] = uni.backoff(i);
        }
        counts[1] = v;
        if (order > 1) extended[1] = new long[(v + 63) >>> 6];

        int[][] slotOf = new int[order + 1][];
        for (int n = 2; n <= order; n++) {
            NgramList list = lists[n];
            int size = list.size();
            LongKeyTable table = new LongKeyTable(size);
            int cap = table.capacity();
            float[] p = new float[cap];
            float[] b = n < order ? new float[cap] : null;
            int[] slots = new int[size];
            int[] flat = list.flatWords();
            float[] lowerProbs = probs[n - 1];
            float[] lowerBackoffs = backoffs[n - 1];
            long[] lowerExtended = extended[n - 1];
            for (int i = 0; i < size; i++) {
                int base = i * n;
                int suffix = n == 2 ? flat[base + 1] : slotOf[n - 1][sets[n - 1].find(flat, base + 1)];
                int prefix = n == 2 ? flat[base] : slotOf[n - 1][sets[n - 1].find(flat, base)];
                int slot = table.insert(((long) suffix << 32) | flat[base]);
                if (slot < 0) throw new DuplicateNgramException(n, i);
                slots[i] = slot;
                float prob = list.prob(i);
                // A derived n-gram scores what backing off from its prefix to its suffix scored before.
                p[slot] = Float.isNaN(prob) ? lowerBackoffs[prefix] + lowerProbs[suffix] : prob;
                if (b != null) b[slot] = list.backoff(i);
                lowerExtended[prefix >>> 6] |= 1L << prefix;
            }
            slotOf[n] = slots;
            if (n > 2) slotOf[n - 1] = null;
            counts[n] = size;
            probs[n] = p;
            backoffs[n] = b;
            tables[n] = table;
            if (n < order) extended[n] = new long[(cap + 63) >>> 6];
        }
        return new NgramModel(vocabulary, counts, probs, backoffs, extended, tables);
    }

    /** Adds missing prefixes and suffixes, top order down, so that derived entries are closed in turn. */
    private static void close(NgramList[] lists, IntSequenceTable[] sets, int order) {
        for (int n = order; n >= 3; n--) {
            NgramList list = lists[n];
            NgramList lower = lists[n - 1];
            IntSequenceTable lowerSet = sets[n - 1];
            int[] flat = list.flatWords();
            for (int i = 0; i < list.size(); i++) {
                for (int off = i * n; off <= i * n + 1; off++) {
                    if (lowerSet.find(flat, off) < 0) {
                        lowerSet.add(flat, off);
                        lower.add(flat, off, Float.NaN, 0f);
                    }
                }
            }
        }
    }
}
