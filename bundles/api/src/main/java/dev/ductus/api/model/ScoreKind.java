package dev.ductus.api.model;

/** What the numbers in {@link FrameScores} are, which decides the decoder that can read them. */
public enum ScoreKind {
    /**
     * log p(x_t | state) per HMM state, from Gaussian mixtures, or scaled likelihoods log(p(state|x_t) /
     * p(state)^a) from a hybrid network. Decoded by an HMM decoder with the {@link HmmStructure}.
     */
    HMM_STATE_LOG_LIKELIHOOD,
    /** log p(class | x, t) for CTC classes: index 0 is the blank, index i > 0 is alphabet symbol i - 1. */
    CTC_LOG_POSTERIOR
}
