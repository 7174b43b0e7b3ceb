package dev.ductus.hmm.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.hmm.decode.DecoderSettings;
import dev.ductus.hmm.decode.TokenPassingDecoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The HMM token-passing decoder as a pipeline stage. Runs without configuration with the defaults below
 * (tuned for the GMM-HMM on the embedded cursive data: see {@link DecoderSettings#defaults()});
 * factory configurations {@code dev.ductus.hmm.decoder~NAME} create further decoders with other weights
 * (give each its own {@code ductus.name}). A changed configuration applies to the next request; requests
 * already running finish with the settings they started with.
 */
@Component(service = Decoder.class, configurationPid = HmmDecoderComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {StageProperties.STAGE + "=" + StageProperties.STAGE_DECODER, StageProperties.NAME + "=hmm"})
@Designate(ocd = HmmDecoderComponent.Config.class, factory = false)
public class HmmDecoderComponent implements Decoder {
    public static final String PID = "dev.ductus.hmm.decoder";

    @ObjectClassDefinition(name = "Ductus HMM decoder",
            description = "Viterbi beam search over character HMMs with an optional character, word or hybrid LM")
    public @interface Config {
        @AttributeDefinition(name = "ductus.name", description = "The name pipelines select this decoder by")
        String ductus_name() default "hmm";

        @AttributeDefinition(name = "lm.weight", description = "Scale of LM log probabilities against optical scores")
        double lm_weight() default 30;

        @AttributeDefinition(name = "insertion.penalty",
                description = "Log score added per character (open vocabulary) or per word (lexicon)")
        double insertion_penalty() default -40;

        @AttributeDefinition(name = "beam", description = "Beam width in log units below the best token")
        double beam() default 400;

        @AttributeDefinition(name = "max.tokens", description = "Histogram pruning: tokens kept per frame")
        int max_tokens() default 5000;

        @AttributeDefinition(name = "mode",
                description = "auto (by LM unit), open (no LM or character LM) or lexicon (word or hybrid LM)")
        String mode() default "auto";
    }

    private volatile TokenPassingDecoder decoder;

    @Activate
    @Modified
    public void configure(Config config) {
        DecoderSettings.Mode mode = switch (config.mode().trim().toLowerCase()) {
            case "auto", "" -> DecoderSettings.Mode.AUTO;
            case "open" -> DecoderSettings.Mode.OPEN;
            case "lexicon" -> DecoderSettings.Mode.LEXICON;
            default -> throw new IllegalArgumentException(PID + ": mode must be auto, open or lexicon, got '"
                    + config.mode() + "'");
        };
        decoder = new TokenPassingDecoder(new DecoderSettings(config.lm_weight(), config.insertion_penalty(),
                config.beam(), config.max_tokens(), mode));
    }

    @Override
    public boolean accepts(ScoreKind kind) {
        return kind == ScoreKind.HMM_STATE_LOG_LIKELIHOOD;
    }

    @Override
    public Hypothesis decode(FrameScores scores, LanguageModel lm) {
        return decoder.decode(scores, lm);
    }
}
