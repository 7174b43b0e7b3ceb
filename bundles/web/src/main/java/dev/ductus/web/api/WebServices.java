package dev.ductus.web.api;

import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.recognize.Recognizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the web API needs from the running framework; the web component implements it over live services. */
public interface WebServices {
    /** A registered pipeline as its service properties describe it now. */
    record PipelineInfo(String name, boolean ready, String status, String input, String description, String data,
                        String model, String modelVersion, Recognizer recognizer) {
        /** Whether it produces text (it has a model), rather than only preprocessing. */
        public boolean recognizes() {
            return model != null && !model.isEmpty();
        }

        /** Ready, but serving a fallback stage ({@code status} says which and why). */
        public boolean degraded() {
            return status != null && status.startsWith("degraded");
        }
    }

    List<PipelineInfo> pipelines();

    Optional<ImageLoader> imageLoader();

    Optional<DatasetProvider> datasets();

    /** A verb contributed by a bundle ({@code explain} by the CTC bundle), if registered. */
    Optional<Command> command(String verb);

    /** The folder holding {@code compare}'s HTML reports (may not exist yet). */
    Path reports();
}
