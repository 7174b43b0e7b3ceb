package dev.ductus.ctc.input;

import dev.ductus.api.image.GrayImage;
import java.util.List;

/** Raw pixels at a fixed height. */
public final class PixelSetup implements InputSetup {
    /** Narrower lines are padded, so that a CRNN's width reduction still leaves frames. */
    public static final int MIN_WIDTH = 32;
    private final int height;

    public PixelSetup(int height) {
        this.height = height;
    }

    @Override
    public String spec() {
        return PixelEncoder.PREFIX + "h=" + height;
    }

    @Override
    public LineEncoder fit(List<GrayImage> sample) {
        return new PixelEncoder(height, MIN_WIDTH);
    }

    @Override
    public LineEncoder restore(String inputSpec, float[] featureMean, float[] featureStd) {
        if (!inputSpec.startsWith(PixelEncoder.PREFIX)) {
            throw new IllegalArgumentException("the model reads '" + inputSpec + "', not pixels");
        }
        return PixelEncoder.parse(inputSpec, MIN_WIDTH);
    }
}
