package dev.ductus.hmm.train;

/**
 * log p(x_t | line state j), asked for only where a pass needs it: a pruned forward pass touches a few dozen
 * states per frame, so a lazily filled source skips most of the Gaussian evaluations of a full matrix.
 */
public interface LineEmissions {
    double get(int t, int j);

    /** A precomputed frames x states matrix, row-major. */
    static LineEmissions of(double[] matrix, int states) {
        return (t, j) -> matrix[t * states + j];
    }
}
