package dev.ductus.api.lm;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An n-gram (or other) language model with an incremental scoring state, shared by HMM token passing, CTC
 * prefix beam search and attention beam search. All probabilities are natural logarithms. Thread-safe.
 */
@ProviderType
public interface LanguageModel {
    LmUnit unit();

    /** The n of the n-gram model (1 for a unigram model). */
    int order();

    /** The state after the sentence start {@code <s>}. */
    LmState start();

    /** log P(token | state) and the next state; unknown tokens are scored as {@code <unk>}. */
    LmScore score(LmState state, String token);

    /** log P({@code </s>} | state). */
    double end(LmState state);

    /** Whether the token is in the vocabulary (not mapped to {@code <unk>}). */
    boolean contains(String token);

    /** The vocabulary as a trie (word and hybrid models), or null for character models. */
    Lexicon lexicon();

    /**
     * How a {@link LmUnit#HYBRID} model scores out-of-vocabulary words, character by character; null for
     * models that map them to {@code <unk>} alone.
     */
    default UnknownWords unknownWords() {
        return null;
    }
}
