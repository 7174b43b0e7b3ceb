package dev.ductus.eval;

/**
 * The edit operations of one minimal alignment of a hypothesis against a reference: substitutions,
 * insertions (tokens only in the hypothesis), deletions (tokens only in the reference), and the reference
 * length N. The error rate is (S + I + D) / N.
 */
public record EditCounts(int substitutions, int insertions, int deletions, int referenceLength) {
    public static final EditCounts NONE = new EditCounts(0, 0, 0, 0);

    public EditCounts {
        if (substitutions < 0 || insertions < 0 || deletions < 0 || referenceLength < 0) {
            throw new IllegalArgumentException("negative edit count: S=" + substitutions + " I=" + insertions
                    + " D=" + deletions + " N=" + referenceLength);
        }
        if (substitutions + deletions > referenceLength) {
            throw new IllegalArgumentException("S + D = " + (substitutions + deletions)
                    + " exceeds the reference length " + referenceLength);
        }
    }

    /** S + I + D: the Levenshtein distance. */
    public int errors() {
        return substitutions + insertions + deletions;
    }

    /** Reference tokens matched unchanged: N - S - D. */
    public int hits() {
        return referenceLength - substitutions - deletions;
    }

    /** Length of the hypothesis: hits + S + I. */
    public int hypothesisLength() {
        return hits() + substitutions + insertions;
    }

    /**
     * (S + I + D) / N. An empty reference gives 0 when the hypothesis is empty too and positive infinity
     * otherwise: every token of the hypothesis is an error, but there is nothing to divide by.
     */
    public double rate() {
        return ratio(errors(), referenceLength);
    }

    public EditCounts plus(EditCounts o) {
        return new EditCounts(substitutions + o.substitutions, insertions + o.insertions, deletions + o.deletions,
                referenceLength + o.referenceLength);
    }

    static double ratio(long errors, long n) {
        if (n > 0) return (double) errors / n;
        return errors == 0 ? 0.0 : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return "S=" + substitutions + " I=" + insertions + " D=" + deletions + " N=" + referenceLength;
    }
}
