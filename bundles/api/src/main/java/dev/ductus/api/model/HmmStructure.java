package dev.ductus.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The character HMMs behind {@link ScoreKind#HMM_STATE_LOG_LIKELIHOOD} scores: one left-to-right model per
 * alphabet symbol (the space symbol " " models the gap between words), each a chain of emitting states with
 * self-loop and forward transitions (log probabilities). Global state k of the frame scores is
 * {@code stateIndex(symbol, s)}.
 */
@ProviderType
public interface HmmStructure {
    Alphabet alphabet();

    /** Emitting states of the symbol's model. */
    int stateCount(int symbol);

    /** Column of the frame scores holding state s of the symbol. */
    int stateIndex(int symbol, int state);

    /** Total number of emitting states (columns of the frame scores). */
    int totalStates();

    /** log P(stay in state s). */
    double logSelfLoop(int symbol, int state);

    /** log P(move from state s to s + 1); from the last state, to leave the model. */
    double logNext(int symbol, int state);

    /** log P(skip state s, going from s to s + 2); negative infinity when skips are not allowed. */
    default double logSkip(int symbol, int state) {
        return Double.NEGATIVE_INFINITY;
    }
}
