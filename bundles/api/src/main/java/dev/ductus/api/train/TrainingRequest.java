package dev.ductus.api.train;

import dev.ductus.api.data.Dataset;
import java.nio.file.Path;
import java.util.Map;

/**
 * What to train: the training and validation data, where to write the model (atomically), whether to resume
 * from the checkpoint next to it, and system-specific options ({@code states=auto}, {@code model=conv=16:3x3,...}).
 */
public record TrainingRequest(Dataset train, Dataset validation, Path output, boolean resume,
                              Map<String, String> options) {
    public TrainingRequest {
        options = Map.copyOf(options);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
