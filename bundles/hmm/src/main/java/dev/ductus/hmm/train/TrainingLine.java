package dev.ductus.hmm.train;

import dev.ductus.api.features.FeatureSequence;

/** One line of training data: its feature frames and its transcription as alphabet indices (spaces included). */
public record TrainingLine(String id, FeatureSequence features, int[] labels) {
    public int frames() {
        return features.frames();
    }
}
