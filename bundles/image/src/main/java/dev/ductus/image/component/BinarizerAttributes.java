package dev.ductus.image.component;

import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.NoiseHandling;
import dev.ductus.image.step.BinarizeStep;
import org.osgi.service.metatype.annotations.AttributeDefinition;

/**
 * The binarisation attributes every step that thresholds an image shares (binarize, deskew, deslant, normalize,
 * the line segmenter): a second component property type of their activate methods, so the six attributes are
 * declared once. Their configurations set them under these names (e.g. {@code method = sauvola}).
 */
public @interface BinarizerAttributes {
    @AttributeDefinition(description = "Binarisation: otsu or sauvola")
    String method() default BinarizeStep.DEFAULT_METHOD;

    @AttributeDefinition(description = "Sauvola window in pixels")
    int window() default BinarizeStep.DEFAULT_WINDOW;

    @AttributeDefinition(description = "Sauvola k")
    double k() default BinarizeStep.DEFAULT_K;

    @AttributeDefinition(description = "Sauvola dynamic range R")
    double r() default BinarizeStep.DEFAULT_R;

    @AttributeDefinition(description = "Sigma in pixels of the Gaussian blur of noisy images before the threshold"
            + " (images without noticeable pixel noise are not blurred) and hold the threshold below the noise; 0: neither")
    double smoothing() default NoiseHandling.DEFAULT_SMOOTHING;

    @AttributeDefinition(description = "Ink components smaller than this times the squared stroke width are"
            + " specks and removed; 0 keeps them")
    double despeckle() default NoiseHandling.DEFAULT_DESPECKLE;

    /** The binariser these attributes describe. */
    final class Make {
        private Make() {
        }

        static Binarizer binarizer(BinarizerAttributes a) {
            return new Binarizer(Binarizer.Method.parse(a.method()), a.window(), a.k(), a.r())
                    .with(new NoiseHandling(a.smoothing(), a.despeckle()));
        }
    }
}
