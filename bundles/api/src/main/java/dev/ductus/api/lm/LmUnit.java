package dev.ductus.api.lm;

/** What a token of a language model is. */
public enum LmUnit {
    /** Whole words; unknown words are scored as {@code <unk>}. */
    WORD,
    /** Single code points; " " is the space between words. */
    CHARACTER,
    /** Words, with out-of-vocabulary words spelled out by a character model behind {@code <unk>}. */
    HYBRID
}
