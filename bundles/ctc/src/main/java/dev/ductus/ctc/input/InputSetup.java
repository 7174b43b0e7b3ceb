package dev.ductus.ctc.input;

import dev.ductus.api.image.GrayImage;
import java.util.List;

/** How a system turns lines into network input, for a new model and for a stored one. */
public interface InputSetup {
    /** The input spec a model of this setup stores. */
    String spec();

    /** The encoder for a new model, fitted on a sample of training lines (feature statistics). */
    LineEncoder fit(List<GrayImage> sample);

    /**
     * The encoder of a stored model.
     *
     * @throws IllegalArgumentException when the model was trained on another input
     */
    LineEncoder restore(String inputSpec, float[] featureMean, float[] featureStd);
}
