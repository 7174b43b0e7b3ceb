package dev.ductus.ctc.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.ctc.decode.BeamSettings;
import dev.ductus.ctc.decode.PrefixBeamDecoder;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * CTC prefix beam search with the pipeline's language model as a decoder stage ({@code ductus.name=ctc-beam},
 * PID {@code dev.ductus.ctc.beam}). A configuration change applies to the next request; a running one keeps
 * the settings it started with.
 */
@Component(service = Decoder.class, configurationPid = "dev.ductus.ctc.beam", property = {
        StageProperties.STAGE + "=" + StageProperties.STAGE_DECODER,
        StageProperties.NAME + "=ctc-beam"})
@Designate(ocd = BeamDecoderComponent.Config.class)
public class BeamDecoderComponent implements Decoder {
    @ObjectClassDefinition(name = "Ductus CTC beam decoder",
            description = "Prefix beam search over CTC posteriors with a character, word or hybrid language model")
    public @interface Config {
        @AttributeDefinition(name = "beam", description = "Prefixes kept per frame")
        int beam() default 16;

        @AttributeDefinition(name = "lm.weight", description = "Scale of the natural-log LM score")
        double lm_weight() default 0.5;

        @AttributeDefinition(name = "insertion.bonus", description = "Added per LM token (character, or word for word LMs)")
        double insertion_bonus() default 0.0;

        @AttributeDefinition(name = "mode", description = "open, or lexicon (words restricted to a word LM's vocabulary)")
        String mode() default "open";

        @AttributeDefinition(name = "prune.logprob", description = "Classes below this log-posterior in a frame are not tried")
        double prune_logprob() default -6.9;
    }

    private final AtomicReference<PrefixBeamDecoder> decoder = new AtomicReference<>();

    @Activate
    @Modified
    public void configure(Config config) {
        decoder.set(new PrefixBeamDecoder(new BeamSettings(config.beam(), config.lm_weight(), config.insertion_bonus(),
                BeamSettings.VocabularyMode.parse(config.mode()), config.prune_logprob())));
    }

    @Override
    public boolean accepts(ScoreKind kind) {
        return kind == ScoreKind.CTC_LOG_POSTERIOR;
    }

    @Override
    public Hypothesis decode(FrameScores scores, LanguageModel lm) {
        return decoder.get().decode(scores, lm);
    }
}
