package dev.ductus.gmmhmm.model;

import dev.ductus.api.InputException;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.features.spec.FeatureSpec;
import dev.ductus.features.spec.WindowFeatureExtractor;
import dev.ductus.hmm.gmm.GmmHmm;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained GMM-HMM: the feature configuration it was trained on, the character HMMs with one diagonal
 * Gaussian mixture per state, and facts about its training. It extracts its own features, so it never meets
 * frames made with another configuration, and refuses feature sequences stamped with another spec.
 * Immutable and thread-safe.
 */
public final class GmmHmmModel {
    public static final String SYSTEM = "gmm-hmm";

    private final String featureSpec;
    private final GmmHmm gmmHmm;
    private final Map<String, String> facts;
    private final WindowFeatureExtractor extractor;

    public GmmHmmModel(String featureSpec, GmmHmm gmmHmm, Map<String, String> facts) {
        this.extractor = WindowFeatureExtractor.of(featureSpec);
        this.featureSpec = extractor.spec();
        if (extractor.dimension() != gmmHmm.dimension()) {
            throw new IllegalArgumentException("features '" + this.featureSpec + "' have " + extractor.dimension()
                    + " values per frame, the mixtures " + gmmHmm.dimension());
        }
        this.gmmHmm = gmmHmm;
        this.facts = Map.copyOf(new LinkedHashMap<>(facts));
    }

    /** The canonical feature spec (see {@link FeatureSpec}). */
    public String featureSpec() {
        return featureSpec;
    }

    public GmmHmm gmmHmm() {
        return gmmHmm;
    }

    public Alphabet alphabet() {
        return gmmHmm.hmms().alphabet();
    }

    public Map<String, String> facts() {
        return facts;
    }

    public GmmHmmModel withFacts(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(facts);
        all.putAll(more);
        return new GmmHmmModel(featureSpec, gmmHmm, all);
    }

    public WindowFeatureExtractor extractor() {
        return extractor;
    }

    public ModelInfo info() {
        return new ModelInfo(SYSTEM, GmmHmmModelFile.FORMAT_VERSION, alphabet(), featureSpec, gmmHmm.parameters(), facts);
    }

    /** Features of the (preprocessed) line, then its frame scores. */
    public FrameScores score(GrayImage line) {
        return score(extractor.extract(line), line.width());
    }

    /**
     * log p(x_t | state) for every frame and state.
     *
     * @throws InputException when the frames were made with another feature configuration
     */
    public FrameScores score(FeatureSequence features, int imageWidth) {
        if (!featureSpec.equals(features.spec())) {
            throw new InputException("gmm-hmm model", "trained on features '" + featureSpec + "', got frames made with '"
                    + features.spec() + "'");
        }
        float[] scores = gmmHmm.stateLogLikelihoods(features.data(), features.frames());
        return new FrameScores(ScoreKind.HMM_STATE_LOG_LIKELIHOOD, features.frames(), gmmHmm.states(), scores,
                alphabet(), gmmHmm.hmms(), features.frameX(), imageWidth);
    }
}
