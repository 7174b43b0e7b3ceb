package dev.ductus.lm.count;

import java.util.Arrays;

/**
 * Raw counts of every n-gram of orders 1..N in sentences padded with {@code <s>} and {@code </s>}. Each order
 * is an {@link IntSequenceTable} with a parallel count array indexed by dense id; {@code <s>} never ends an
 * n-gram (it is only ever a history), and its unigram count is the number of sentences.
 */
public final class NgramCounts {
    private final int order;
    private final IntSequenceTable[] tables;
    private final int[][] counts;
    private long sentences;
    private long tokens;

    public NgramCounts(int order) {
        if (order < 1) throw new IllegalArgumentException("order must be >= 1, was " + order);
        this.order = order;
        tables = new IntSequenceTable[order + 1];
        counts = new int[order + 1][];
        for (int n = 1; n <= order; n++) {
            tables[n] = new IntSequenceTable(n, 1 << 12);
            counts[n] = new int[1 << 12];
        }
        bump(1, new int[] {Vocabulary.BOS_ID}, 0, 0);
    }

    public int order() {
        return order;
    }

    /** Adds one sentence of word ids (without {@code <s>}/{@code </s>}). */
    public void addSentence(int[] words) {
        int len = words.length + 2;
        int[] padded = new int[len];
        padded[0] = Vocabulary.BOS_ID;
        System.arraycopy(words, 0, padded, 1, words.length);
        padded[len - 1] = Vocabulary.EOS_ID;
        for (int i = 1; i < len; i++) {
            int max = Math.min(order, i + 1);
            for (int n = 1; n <= max; n++) bump(n, padded, i - n + 1, 1);
        }
        counts[1][tables[1].find(new int[] {Vocabulary.BOS_ID}, 0)]++;
        sentences++;
        tokens += words.length + 1;
    }

    private void bump(int n, int[] src, int off, int by) {
        int id = tables[n].add(src, off);
        if (id >= counts[n].length) counts[n] = Arrays.copyOf(counts[n], counts[n].length * 2);
        counts[n][id] += by;
    }

    public IntSequenceTable table(int n) {
        return tables[n];
    }

    /** Raw count of the n-gram with this dense id in order n. */
    public int count(int n, int id) {
        return counts[n][id];
    }

    public long sentences() {
        return sentences;
    }

    /** Tokens counted, including one {@code </s>} per sentence. */
    public long tokens() {
        return tokens;
    }
}
