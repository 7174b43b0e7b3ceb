package dev.ductus.image.component;

import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.NoiseHandling;
import dev.ductus.image.step.CropStep;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code crop} preprocessing step as a service; PID {@code dev.ductus.image.step.crop}. */
@Component(service = Preprocessor.class, configurationPid = "dev.ductus.image.step.crop",
        property = {StageProperties.STAGE + "=" + StageProperties.STAGE_PREPROCESSING_STEP,
                StageProperties.NAME + "=" + CropStep.NAME})
@Designate(ocd = CropStepComponent.Config.class)
public class CropStepComponent implements Preprocessor {
    @ObjectClassDefinition(name = "Ductus crop step", description = "Crop to the ink, cleaned of noise, plus a margin.")
    public @interface Config {
        @AttributeDefinition(description = "White pixels kept around the ink")
        int margin() default CropStep.DEFAULT_MARGIN;

        @AttributeDefinition(description = "Pixels at or below this intensity are ink")
        double ink_threshold() default CropStep.DEFAULT_INK_THRESHOLD;

        @AttributeDefinition(description = "Sigma in pixels of the Gaussian blur of noisy images before the threshold"
                + " (images without noticeable pixel noise are not blurred) and hold the threshold below the noise; 0: neither")
        double smoothing() default NoiseHandling.DEFAULT_SMOOTHING;

        @AttributeDefinition(description = "Ink components smaller than this times the squared stroke width are"
                + " specks and removed; 0 keeps them")
        double despeckle() default NoiseHandling.DEFAULT_DESPECKLE;
    }

    private volatile CropStep step;

    @Activate
    @Modified
    public void configure(Config c) {
        step = new CropStep(c.margin(), c.ink_threshold(), new NoiseHandling(c.smoothing(), c.despeckle()));
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        return step.process(image, notes);
    }
}
