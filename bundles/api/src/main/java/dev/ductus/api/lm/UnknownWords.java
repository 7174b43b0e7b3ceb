package dev.ductus.api.lm;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How a {@link LmUnit#HYBRID} model scores a word its vocabulary lacks:
 * {@code log P(w | h) = unknown(h) + spell(c1) + ... + spell(cn) + wordEnd}, summed in that order, where the
 * spelling does not depend on the history h. A decoder that grows out-of-vocabulary words one character at a
 * time pays one {@link #spell} per new prefix instead of spelling every prefix from its first character.
 * Thread-safe.
 */
@ProviderType
public interface UnknownWords {
    /** The history's share of any unknown word ({@code log P(<unk> | h)}, normalised) and the state after it. */
    LmScore unknown(LmState history);

    /** The spelling state of the empty word. */
    LmState spellingStart();

    /** log P(character | the word spelled so far) and the spelling state after it. */
    LmScore spell(LmState spelling, String character);

    /** log P(the word ends here | the word spelled so far). */
    double wordEnd(LmState spelling);
}
