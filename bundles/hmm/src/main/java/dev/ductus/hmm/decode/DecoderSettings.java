package dev.ductus.hmm.decode;

/**
 * The knobs of the token-passing decoder.
 *
 * @param lmWeight         scale of the language model's log probabilities against the optical log scores
 * @param insertionPenalty added per language-model unit: per character (spaces included) without an LM or
 *                         with a character LM, per word with a lexicon; negative values favour fewer units
 * @param beam             tokens further than this below the best token of the frame are dropped (log units)
 * @param maxTokens        at most this many tokens survive a frame (histogram pruning)
 * @param mode             {@link Mode#AUTO} picks open vocabulary for character LMs (or no LM) and the lexicon
 *                         for word and hybrid LMs
 */
public record DecoderSettings(double lmWeight, double insertionPenalty, double beam, int maxTokens, Mode mode) {
    /** How the search space is organised. */
    public enum Mode {
        /** Open vocabulary for no LM or a character LM; lexicon for word/hybrid LMs. */
        AUTO,
        /** Any sequence of characters; the LM (if any) must be a character LM. */
        OPEN,
        /** Words of the LM's lexicon only (plus spelled-out out-of-vocabulary words for a hybrid LM). */
        LEXICON
    }

    public DecoderSettings {
        if (!(beam > 0)) throw new IllegalArgumentException("beam must be positive, got " + beam);
        if (maxTokens < 1) throw new IllegalArgumentException("max tokens must be >= 1, got " + maxTokens);
        if (!(lmWeight >= 0)) throw new IllegalArgumentException("LM weight must be >= 0, got " + lmWeight);
        if (mode == null) mode = Mode.AUTO;
    }

    /**
     * Values tuned for the GMM-HMM on the embedded cursive lines (LM weight 30; penalty -40 per character
     * without LM, 0 with the character LM and -80 per word with the word and hybrid LMs were best there), a beam
     * of 400 and 5000 tokens. Other optical models have other scales: set these per pipeline.
     */
    public static DecoderSettings defaults() {
        return new DecoderSettings(30, -40, 400, 5000, Mode.AUTO);
    }

    public DecoderSettings withLm(double weight, double penalty) {
        return new DecoderSettings(weight, penalty, beam, maxTokens, mode);
    }

    public DecoderSettings withBeam(double newBeam, int newMaxTokens) {
        return new DecoderSettings(lmWeight, insertionPenalty, newBeam, newMaxTokens, mode);
    }

    public DecoderSettings withMode(Mode newMode) {
        return new DecoderSettings(lmWeight, insertionPenalty, beam, maxTokens, newMode);
    }
}
