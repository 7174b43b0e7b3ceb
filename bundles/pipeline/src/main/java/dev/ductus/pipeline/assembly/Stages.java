package dev.ductus.pipeline.assembly;

import dev.ductus.api.decode.Decoder;
import dev.ductus.api.image.LineSegmenter;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.api.model.SequenceModel;
import java.util.List;

/**
 * The stages one request runs on, fixed for the whole request: a swap publishes a new Stages, it never changes
 * one in use. Any stage may be absent (null): no preprocessor means the image goes in as it is, no model means
 * a preprocessing-only pipeline, no decoder means "pick one of {@code decoders} that reads the model's scores".
 */
public record Stages(Stage<Preprocessor> preprocessor, Stage<LineSegmenter> segmenter, Stage<OpticalModel> optical,
                     Stage<SequenceModel> sequence, Stage<Decoder> decoder, List<Stage<Decoder>> decoders,
                     Stage<LanguageModel> lm) {

    /**
     * A stage object, the name it was selected by and the version of the model it serves ({@code NAME@sha256-prefix},
     * from its {@code ductus.model.version} property; null for stages without a model file).
     */
    public record Stage<T>(String name, T service, String version) {
        public Stage(String name, T service) {
            this(name, service, null);
        }
    }

    public static final Stages NONE = new Stages(null, null, null, null, null, List.of(), null);

    public Stages {
        decoders = decoders == null ? List.of() : List.copyOf(decoders);
    }

    /** The decoder for scores of this kind: the configured one, else the first available that reads them. */
    public Stage<Decoder> decoderFor(ScoreKind kind) {
        if (decoder != null) {
            return decoder.service().accepts(kind) ? decoder : null;
        }
        for (Stage<Decoder> d : decoders) {
            if (d.service().accepts(kind)) return d;
        }
        return null;
    }

    /** e.g. {@code preprocessor=default model=gmm-hmm decoder=hmm lm=word-3gram@5f2c0e1a9b3d}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        append(sb, "segmenter", segmenter);
        append(sb, "preprocessor", preprocessor);
        append(sb, "model", optical != null ? optical : sequence);
        if (optical != null) {
            if (decoder != null) append(sb, "decoder", decoder);
            else sb.append(sb.length() > 0 ? " " : "").append("decoder=auto");
        }
        // the language model by its version: the model's is shown by the pipeline, in brackets
        if (lm != null) sb.append(sb.length() > 0 ? " " : "").append("lm=").append(lm.version() != null ? lm.version() : lm.name());
        if (optical == null && sequence == null) sb.append(sb.length() > 0 ? " " : "").append("(preprocessing only)");
        return sb.toString();
    }

    private static void append(StringBuilder sb, String role, Stage<?> s) {
        if (s == null) return;
        if (sb.length() > 0) sb.append(' ');
        sb.append(role).append('=').append(s.name());
    }
}
