package dev.ductus.ctc.model;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.ctc.input.LineEncoder;
import java.util.List;

/** A CTC model with the encoder of its input: line image in, CTC log-posteriors out. Thread-safe. */
public final class CtcOpticalModel implements OpticalModel {
    private final CtcModel model;
    private final LineEncoder encoder;

    public CtcOpticalModel(CtcModel model, LineEncoder encoder) {
        if (!encoder.spec().equals(model.inputSpec())) {
            throw new IllegalArgumentException("encoder for '" + encoder.spec() + "', model trained on '" + model.inputSpec() + "'");
        }
        this.model = model;
        this.encoder = encoder;
    }

    public CtcModel model() {
        return model;
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public FrameScores score(GrayImage line) {
        return model.score(List.of(encoder.encode(line))).get(0);
    }
}
