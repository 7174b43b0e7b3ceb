package dev.ductus.image.component;

import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
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
    @ObjectClassDefinition(name = "Ductus crop step", description = "Crop to the ink plus a margin.")
    public @interface Config {
        @AttributeDefinition(description = "White pixels kept around the ink")
        int margin() default CropStep.DEFAULT_MARGIN;

        @AttributeDefinition(description = "Pixels at or below this intensity are ink")
        double ink_threshold() default CropStep.DEFAULT_INK_THRESHOLD;
    }

    private volatile CropStep step;

    @Activate
    @Modified
    void configure(Config c) {
        step = new CropStep(c.margin(), c.ink_threshold());
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        return step.process(image, notes);
    }
}
