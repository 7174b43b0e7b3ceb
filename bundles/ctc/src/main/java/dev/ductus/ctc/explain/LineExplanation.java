package dev.ductus.ctc.explain;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.FrameScores;
import java.util.List;

/**
 * What a CTC model did with one line: the line as the network saw it (scaled to its input height, ink dark),
 * the per-frame log-posteriors, the best-path text, the text of the pipeline's own decoder and language model
 * (null when none ran), and the selected layers' feature maps.
 */
public record LineExplanation(String source, String modelDescription, GrayImage input, FrameScores posteriors,
                              String greedyText, String pipelineText, List<FeatureMap> maps) {
    public LineExplanation {
        maps = List.copyOf(maps);
    }
}
