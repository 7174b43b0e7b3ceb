package dev.ductus.eval;

import java.util.List;

/**
 * One minimal alignment of a hypothesis against a reference, as the steps that turn the reference into the
 * hypothesis, in reading order. Tokens are code points (as strings) or words.
 */
public record Alignment(List<Step> steps, EditCounts counts) {
    /** What a step does. */
    public enum Op {
        /** The reference token is recognised unchanged. */
        MATCH,
        /** The reference token is recognised as another token. */
        SUBSTITUTE,
        /** A hypothesis token with no reference token. */
        INSERT,
        /** A reference token missing from the hypothesis. */
        DELETE
    }

    /**
     * One step: {@code reference} is null for an insertion, {@code hypothesis} is null for a deletion.
     */
    public record Step(Op op, String reference, String hypothesis) {
        public Step {
            if ((reference == null) != (op == Op.INSERT) || (hypothesis == null) != (op == Op.DELETE)) {
                throw new IllegalArgumentException(op + " step with reference=" + reference + ", hypothesis="
                        + hypothesis);
            }
        }
    }

    public Alignment {
        steps = List.copyOf(steps);
    }
}
