package dev.ductus.attention.component;

import dev.ductus.api.image.GrayImage;
import dev.ductus.attention.explain.AttentionExplainer;
import dev.ductus.ctc.explain.ModelExplainer;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;

/** Registers the attention models' explainer for the {@code explain} verb (attention maps over the image). */
@Component(service = ModelExplainer.class)
public class AttentionExplainerComponent implements ModelExplainer {
    private final AttentionExplainer explainer = new AttentionExplainer();

    @Override
    public boolean accepts(Path modelFile) {
        return explainer.accepts(modelFile);
    }

    @Override
    public Explained explain(Path modelFile, GrayImage image, String pipelineText, int zoom) {
        return explainer.explain(modelFile, image, pipelineText, zoom);
    }
}
