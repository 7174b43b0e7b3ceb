package dev.ductus.api.train;

import java.util.Map;

/**
 * One progress event: the phase ("baum-welch", "epoch", "validate"), the step within the total, metrics
 * (log-likelihood per frame, loss, validation CER), the time spent and the estimated time left.
 */
public record TrainingProgress(String phase, long step, long totalSteps, Map<String, Double> metrics,
                               double elapsedSeconds, double etaSeconds) {
    public TrainingProgress {
        metrics = Map.copyOf(metrics);
    }
}
