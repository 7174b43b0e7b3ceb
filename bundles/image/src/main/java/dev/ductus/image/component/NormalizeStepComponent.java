package dev.ductus.image.component;

import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.BaselineDetector;
import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.HeightNormalizer;
import dev.ductus.image.preprocess.NoiseHandling;
import dev.ductus.image.step.BinarizeStep;
import dev.ductus.image.step.NormalizeStep;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The {@code normalize} preprocessing step as a service; PID {@code dev.ductus.image.step.normalize}. */
@Component(service = Preprocessor.class, configurationPid = "dev.ductus.image.step.normalize",
        property = {StageProperties.STAGE + "=" + StageProperties.STAGE_PREPROCESSING_STEP,
                StageProperties.NAME + "=" + NormalizeStep.NAME})
@Designate(ocd = NormalizeStepComponent.Config.class)
public class NormalizeStepComponent implements Preprocessor {
    @ObjectClassDefinition(name = "Ductus normalize step", description = "Zone or uniform height normalisation.")
    public @interface Config {
        @AttributeDefinition(description = "zones: ascender/core/descender to fixed heights; uniform: whole line to one height",
                options = {@Option(label = "zones", value = "zones"), @Option(label = "uniform", value = "uniform")})
        String mode() default NormalizeStep.DEFAULT_MODE;

        @AttributeDefinition(description = "Rows of the ascender zone (zones mode)")
        int ascender() default NormalizeStep.DEFAULT_ASCENDER;

        @AttributeDefinition(description = "Rows of the core zone (zones mode)")
        int core() default NormalizeStep.DEFAULT_CORE;

        @AttributeDefinition(description = "Rows of the descender zone (zones mode)")
        int descender() default NormalizeStep.DEFAULT_DESCENDER;

        @AttributeDefinition(description = "Output height (uniform mode)")
        int height() default NormalizeStep.DEFAULT_HEIGHT;

        @AttributeDefinition(description = "Rows with this fraction of the densest row's ink are core rows")
        double core_fraction() default NormalizeStep.DEFAULT_CORE_FRACTION;
    }

    private volatile NormalizeStep step;

    @Activate
    @Modified
    public void configure(Config c, BinarizerAttributes b) {
        Binarizer binarizer = BinarizerAttributes.Make.binarizer(b);
        step = new NormalizeStep(NormalizeStep.Mode.parse(c.mode()),
                new HeightNormalizer.Zones(c.ascender(), c.core(), c.descender()), c.height(),
                new BaselineDetector(binarizer, c.core_fraction()));
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        return step.process(image, notes);
    }
}
