package dev.ductus.api.decode;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns frame scores into a hypothesis: HMM token passing for state likelihoods, best path or prefix beam
 * search for CTC posteriors. Weights (LM scale, insertion penalty, beam) come from the decoder's own
 * configuration. Thread-safe.
 */
@ProviderType
public interface Decoder {
    /** Whether this decoder reads scores of that kind. */
    boolean accepts(ScoreKind kind);

    /** @param lm the language model, or null to decode without one */
    Hypothesis decode(FrameScores scores, LanguageModel lm);
}
