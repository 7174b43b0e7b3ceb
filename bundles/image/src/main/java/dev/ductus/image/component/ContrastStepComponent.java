package dev.ductus.image.component;

import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.step.ContrastStep;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code contrast} preprocessing step as a service; PID {@code dev.ductus.image.step.contrast}. */
@Component(service = Preprocessor.class, configurationPid = "dev.ductus.image.step.contrast",
        property = {StageProperties.STAGE + "=" + StageProperties.STAGE_PREPROCESSING_STEP,
                StageProperties.NAME + "=" + ContrastStep.NAME})
@Designate(ocd = ContrastStepComponent.Config.class)
public class ContrastStepComponent implements Preprocessor {
    @ObjectClassDefinition(name = "Ductus contrast step", description = "Percentile contrast stretch with optional gamma.")
    public @interface Config {
        double low_percentile() default ContrastStep.DEFAULT_LOW_PERCENTILE;

        double high_percentile() default ContrastStep.DEFAULT_HIGH_PERCENTILE;

        double gamma() default ContrastStep.DEFAULT_GAMMA;

        double min_range() default ContrastStep.DEFAULT_MIN_RANGE;
    }

    private volatile ContrastStep step;

    @Activate
    @Modified
    public void configure(Config c) {
        step = new ContrastStep(c.low_percentile(), c.high_percentile(), c.gamma(), c.min_range());
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        return step.process(image, notes);
    }
}
