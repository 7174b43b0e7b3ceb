package dev.ductus.image.component;

import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.NoiseHandling;
import dev.ductus.image.step.BinarizeStep;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The {@code binarize} preprocessing step as a service; PID {@code dev.ductus.image.step.binarize}. */
@Component(service = Preprocessor.class, configurationPid = "dev.ductus.image.step.binarize",
        property = {StageProperties.STAGE + "=" + StageProperties.STAGE_PREPROCESSING_STEP,
                StageProperties.NAME + "=" + BinarizeStep.NAME})
@Designate(ocd = BinarizeStepComponent.Config.class)
public class BinarizeStepComponent implements Preprocessor {
    @ObjectClassDefinition(name = "Ductus binarize step", description = "Otsu or Sauvola binarisation.")
    public @interface Config {






        @AttributeDefinition(description = "binary: 0/1 image; gray: gray strokes on a white background",
                options = {@Option(label = "binary", value = "binary"), @Option(label = "gray", value = "gray")})
        String output() default BinarizeStep.DEFAULT_OUTPUT;
    }

    private volatile BinarizeStep step;

    @Activate
    @Modified
    public void configure(Config c, BinarizerAttributes b) {
        Binarizer binarizer = BinarizerAttributes.Make.binarizer(b);
        step = new BinarizeStep(binarizer, BinarizeStep.Output.parse(c.output()));
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        return step.process(image, notes);
    }
}
