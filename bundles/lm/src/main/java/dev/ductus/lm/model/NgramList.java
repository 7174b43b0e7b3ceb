package dev.ductus.lm.model;

import java.util.Arrays;

/**
 * The n-grams of one order as an estimator or an ARPA file gives them: word ids (oldest first), log10
 * probability and log10 backoff weight. A probability of NaN marks an entry the model builder must derive
 * (an n-gram missing from an ARPA file whose extension is present).
 */
public final class NgramList {
    private final int order;
    private int[] words;
    private float[] probs;
    private float[] backoffs;
    private int size;

    public NgramList(int order, int expected) {
        this.order = order;
        int cap = Math.max(4, expected);
        words = new int[cap * order];
        probs = new float[cap];
        backoffs = new float[cap];
    }

    public int order() {
        return order;
    }

    public int size() {
        return size;
    }

    public void add(int[] src, int off, float log10Prob, float log10Backoff) {
        if (size == probs.length) {
            int cap = probs.length * 2;
            words = Arrays.copyOf(words, cap * order);
            probs = Arrays.copyOf(probs, cap);
            backoffs = Arrays.copyOf(backoffs, cap);
        }
        System.arraycopy(src, off, words, size * order, order);
        probs[size] = log10Prob;
        backoffs[size] = log10Backoff;
        size++;
    }

    public int word(int i, int position) {
        return words[i * order + position];
    }

    /** The flat word array (entry i at {@code i * order()}). */
    public int[] flatWords() {
        return words;
    }

    public float prob(int i) {
        return probs[i];
    }

    public float backoff(int i) {
        return backoffs[i];
    }
}
