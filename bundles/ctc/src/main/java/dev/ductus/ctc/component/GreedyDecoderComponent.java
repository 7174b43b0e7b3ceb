package dev.ductus.ctc.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.ctc.decode.BestPathDecoder;
import org.osgi.service.component.annotations.Component;

/** Best-path CTC decoding as a decoder stage ({@code ductus.name=ctc-greedy}); a language model is not used. */
@Component(service = Decoder.class, property = {
        StageProperties.STAGE + "=" + StageProperties.STAGE_DECODER,
        StageProperties.NAME + "=ctc-greedy"})
public class GreedyDecoderComponent implements Decoder {
    private final BestPathDecoder decoder = new BestPathDecoder();

    @Override
    public boolean accepts(ScoreKind kind) {
        return kind == ScoreKind.CTC_LOG_POSTERIOR;
    }

    @Override
    public Hypothesis decode(FrameScores scores, LanguageModel lm) {
        Hypothesis h = decoder.decode(scores);
        if (lm != null) h.notes().add("ctc-greedy", "language model not used (greedy decoding)");
        return h;
    }
}
