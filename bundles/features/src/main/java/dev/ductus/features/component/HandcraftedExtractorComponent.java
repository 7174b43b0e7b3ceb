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

/** Handcrafted sliding-window features (57 values per frame, plus deltas) as a pipeline stage. */
@Component(service = FeatureExtractor.class, configurationPid = HandcraftedExtractorComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {StageProperties.STAGE + "=" + StageProperties.STAGE_FEATURES, StageProperties.NAME + "=handcrafted"})
@Designate(ocd = HandcraftedExtractorComponent.Config.class)
public class HandcraftedExtractorComponent implements FeatureExtractor {
    public static final String PID = "dev.ductus.features.handcrafted";

    @ObjectClassDefinition(name = "Ductus handcrafted features",
            description = "Densities, zones, centre of gravity, contours, configurations and gradient histograms per window")
    public @interface Config {
        @AttributeDefinition(name = "ductus.name")
        String ductus_name() default "handcrafted";

        @AttributeDefinition(name = "window.width", description = "Window width in pixels")
        int window_width() default 3;

        @AttributeDefinition(name = "window.shift", description = "Window shift in pixels")
        int window_shift() default 3;

        @AttributeDefinition(name = "deltas", description = "0: static values, 1: + deltas, 2: + delta-deltas")
        int deltas() default 1;
    }

    private volatile WindowFeatureExtractor extractor;

    @Activate
    @Modified
    public void configure(Config config) {
        extractor = new WindowFeatureExtractor(new FeatureSpec(FeatureSpec.Kind.HANDCRAFTED, config.window_width(),
                config.window_shift(), 0, config.deltas()));
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
