package dev.ductus.api.train;

import java.nio.file.Path;
import java.util.Map;

/** The written model and what training measured (time, final validation CER, ...). */
public record TrainingResult(Path model, Map<String, Double> metrics) {
    public TrainingResult {
        metrics = Map.copyOf(metrics);
    }
}
