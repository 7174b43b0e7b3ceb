package dev.ductus.lm.model;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.LmState;
import java.util.Arrays;

/**
 * The history of an n-gram model as KenLM keeps it: the most recent words (newest first), only as many as
 * can still matter - at most order-1, and only while that suffix of the history is itself an n-gram that
 * some longer n-gram extends - together with the log10 backoff weight of each suffix, so scoring the next word
 * needs no lookup of the history. Backoff weights of suffixes that were cut off (non-zero only in
 * unnormalised ARPA files) are charged to the next word as {@code pending}, so cutting never changes a score.
 *
 * <p>Equal exactly when the context words and the pending weight are equal and the same model made them;
 * the weights are a function of the words, so they need not be compared.
 */
public final class NgramState implements LmState {
    private final int[] context;
    private final float[] backoffs;
    private final double pending;
    private final LanguageModel owner;
    private final int hash;

    NgramState(int[] context, float[] backoffs, double pending, LanguageModel owner) {
        this.context = context;
        this.backoffs = backoffs;
        this.pending = pending;
        this.owner = owner;
        this.hash = Arrays.hashCode(context) * 31 + Double.hashCode(pending);
    }

    /** The model that made this state and scores its successors. */
    public LanguageModel owner() {
        return owner;
    }

    /** Number of context words kept. */
    public int length() {
        return context.length;
    }

    /** The context word id {@code back} positions before the next word (0 = the newest). */
    public int word(int back) {
        return context[back];
    }

    int[] context() {
        return context;
    }

    float[] backoffs() {
        return backoffs;
    }

    double pending() {
        return pending;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof NgramState s)) return false;
        return hash == s.hash && owner == s.owner && Double.compare(pending, s.pending) == 0
                && Arrays.equals(context, s.context);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "NgramState" + Arrays.toString(context) + (pending != 0 ? " pending " + pending : "");
    }
}
