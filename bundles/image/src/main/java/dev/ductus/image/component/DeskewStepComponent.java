package dev.ductus.image.component;

import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.NoiseHandling;
import dev.ductus.image.step.BinarizeStep;
import dev.ductus.image.step.DeskewStep;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code deskew} preprocessing step as a service; PID {@code dev.ductus.image.step.deskew}. */
@Component(service = Preprocessor.class, configurationPid = "dev.ductus.image.step.deskew",
        property = {StageProperties.STAGE + "=" + StageProperties.STAGE_PREPROCESSING_STEP,
                StageProperties.NAME + "=" + DeskewStep.NAME})
@Designate(ocd = DeskewStepComponent.Config.class)
public class DeskewStepComponent implements Preprocessor {
    @ObjectClassDefinition(name = "Ductus deskew step", description = "Projection-profile skew estimate and rotation.")
    public @interface Config {
        @AttributeDefinition(description = "Search range +- in degrees")
        double max_angle() default DeskewStep.DEFAULT_MAX_ANGLE;

        @AttributeDefinition(description = "Finest angle step in degrees")
        double resolution() default DeskewStep.DEFAULT_RESOLUTION;

        @AttributeDefinition(description = "Skews smaller than this (degrees) are not corrected")
        double min_angle() default DeskewStep.DEFAULT_MIN_ANGLE;
    }

    private volatile DeskewStep step;

    @Activate
    @Modified
    public void configure(Config c, BinarizerAttributes b) {
        Binarizer binarizer = BinarizerAttributes.Make.binarizer(b);
        step = new DeskewStep(binarizer, c.max_angle(), c.resolution(), c.min_angle());
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        return step.process(image, notes);
    }
}
