package dev.ductus.image.component;

import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.NoiseHandling;
import dev.ductus.image.step.BinarizeStep;
import dev.ductus.image.step.DeslantStep;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code deslant} preprocessing step as a service; PID {@code dev.ductus.image.step.deslant}. */
@Component(service = Preprocessor.class, configurationPid = "dev.ductus.image.step.deslant",
        property = {StageProperties.STAGE + "=" + StageProperties.STAGE_PREPROCESSING_STEP,
                StageProperties.NAME + "=" + DeslantStep.NAME})
@Designate(ocd = DeslantStepComponent.Config.class)
public class DeslantStepComponent implements Preprocessor {
    @ObjectClassDefinition(name = "Ductus deslant step", description = "Vinciarelli-Luettin slant estimate and shear.")
    public @interface Config {
        @AttributeDefinition(description = "Search range +- in degrees (at most 60)")
        double max_angle() default DeslantStep.DEFAULT_MAX_ANGLE;

        @AttributeDefinition(description = "Slants smaller than this (degrees) are not corrected")
        double min_angle() default DeslantStep.DEFAULT_MIN_ANGLE;
    }

    private volatile DeslantStep step;

    @Activate
    @Modified
    public void configure(Config c, BinarizerAttributes b) {
        Binarizer binarizer = BinarizerAttributes.Make.binarizer(b);
        step = new DeslantStep(binarizer, c.max_angle(), c.min_angle());
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        return step.process(image, notes);
    }
}
