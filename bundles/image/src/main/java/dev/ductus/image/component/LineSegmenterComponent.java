package dev.ductus.image.component;

import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineRegion;
import dev.ductus.api.image.LineSegmenter;
import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.NoiseHandling;
import dev.ductus.image.preprocess.ProjectionLineSegmenter;
import dev.ductus.image.step.BinarizeStep;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The projection-profile {@link LineSegmenter} ({@link ProjectionLineSegmenter}); PID {@code dev.ductus.image.segmenter}. */
@Component(service = LineSegmenter.class, configurationPid = "dev.ductus.image.segmenter",
        property = {StageProperties.STAGE + "=" + StageProperties.STAGE_SEGMENTER, StageProperties.NAME + "=projection"})
@Designate(ocd = LineSegmenterComponent.Config.class)
public class LineSegmenterComponent implements LineSegmenter {
    @ObjectClassDefinition(name = "Ductus line segmenter", description = "Projection profile bands + connected components.")
    public @interface Config {
        @AttributeDefinition(description = "Skew search range +- in degrees (0: assume level lines)")
        double max_skew() default 10;

        @AttributeDefinition(description = "Components with fewer pixels are dust")
        int min_component_pixels() default 4;

        @AttributeDefinition(description = "Two profile peaks whose valley is above this fraction of the lower one are one line")
        double valley_ratio() default 0.6;
    }

    private volatile ProjectionLineSegmenter segmenter;

    @Activate
    @Modified
    public void configure(Config c, BinarizerAttributes b) {
        Binarizer binarizer = BinarizerAttributes.Make.binarizer(b);
        segmenter = new ProjectionLineSegmenter(binarizer, c.max_skew(), c.min_component_pixels(), c.valley_ratio());
    }

    @Override
    public List<LineRegion> segment(GrayImage page, Notes notes) {
        return segmenter.segment(page, notes);
    }
}
