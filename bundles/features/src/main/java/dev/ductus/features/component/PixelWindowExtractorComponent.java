package dev.ductus.features.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.features.FeatureExtractor;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.image.GrayImage;
import dev.ductus.features.spec.FeatureSpec;
import dev.ductus.features.spec.WindowFeatureExtractor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Raw pixel windows (resampled to a fixed number of rows) as a pipeline stage. */
@Component(service = FeatureExtractor.class, configurationPid = PixelWindowExtractorComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {StageProperties.STAGE + "=" + StageProperties.STAGE_FEATURES, StageProperties.NAME + "=pixels"})
@Designate(ocd = PixelWindowExtractorComponent.Config.class)
public class PixelWindowExtractorComponent implements FeatureExtractor {
    public static final String PID = "dev.ductus.features.pixels";

    @ObjectClassDefinition(name = "Ductus pixel-window features", description = "The window's ink darkness, row by row")
    public @interface Config {
        @AttributeDefinition(name = "ductus.name")
        String ductus_name() default "pixels";

        @AttributeDefinition(name = "window.width", description = "Window width in pixels")
        int window_width() default 4;

        @AttributeDefinition(name = "window.shift", description = "Window shift in pixels")
        int window_shift() default 2;

        @AttributeDefinition(name = "window.height", description = "Rows the window is resampled to")
        int window_height() default 32;

        @AttributeDefinition(name = "deltas", description = "0: static values, 1: + deltas, 2: + delta-deltas")
        int deltas() default 0;
    }

    private volatile WindowFeatureExtractor extractor;

    @Activate
    @Modified
    public void configure(Config config) {
        extractor = new WindowFeatureExtractor(new FeatureSpec(FeatureSpec.Kind.PIXELS, config.window_width(),
                config.window_shift(), config.window_height(), config.deltas()));
    }

    @Override
    public String spec() {
        return extractor.spec();
    }

    @Override
    public int dimension() {
        return extractor.dimension();
    }

    @Override
    public FeatureSequence extract(GrayImage line) {
        return extractor.extract(line);
    }
}
