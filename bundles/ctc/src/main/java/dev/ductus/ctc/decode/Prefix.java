package dev.ductus.ctc.decode;

import dev.ductus.api.lm.LmState;
import java.util.HashMap;
import java.util.Map;

/**
 * One text prefix of the beam, shared by every alignment that spells it: the probabilities of its alignments
 * ending in a blank ({@code pb}) or in its last character ({@code pnb}), both natural logs, and the language
 * model's view of it. Children are kept, so a prefix reached twice is the same object and merges its mass.
 */
final class Prefix {
    final Prefix parent;
    /** Last class appended (0 for the empty prefix). */
    final int label;
    final int length;
    final LmState lmState;
    /** Sum of the natural-log LM scores applied so far (unweighted). */
    final double lmLogProb;
    /** LM tokens (characters or words) scored so far, for the insertion bonus. */
    final int tokens;
    /** The word being spelled (word language models), empty otherwise. */
    final String word;
    /** Lexicon node of the word being spelled (lexicon mode), or -1. */
    final int trieNode;
    private Map<Integer, Prefix> children;

    double pb = Double.NEGATIVE_INFINITY;
    double pnb = Double.NEGATIVE_INFINITY;
    double nextPb;
    double nextPnb;
    int touched = -1;
    double rank;

    Prefix(Prefix parent, int label, LmState lmState, double lmLogProb, int tokens, String word, int trieNode) {
        this.parent = parent;
        this.label = label;
        this.length = parent == null ? 0 : parent.length + 1;
        this.lmState = lmState;
        this.lmLogProb = lmLogProb;
        this.tokens = tokens;
        this.word = word;
        this.trieNode = trieNode;
    }

    Prefix child(int label) {
        return children == null ? null : children.get(label);
    }

    boolean hasChild(int label) {
        return children != null && children.containsKey(label);
    }

    void putChild(int label, Prefix p) {
        if (children == null) children = new HashMap<>(4);
        children.put(label, p);
    }

    double total() {
        return logAdd(pb, pnb);
    }

    int[] labels() {
        int[] out = new int[length];
        Prefix p = this;
        for (int i = length - 1; i >= 0; i--) {
            out[i] = p.label;
            p = p.parent;
        }
        return out;
    }

    static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
    }
}
