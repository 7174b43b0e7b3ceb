package dev.ductus.spark.train;

import dev.ductus.api.features.FeatureSequence;
import dev.ductus.hmm.train.TrainingLine;
import java.io.Serializable;

/** A training line's frames and labels as a plain serializable value (what the cluster keeps cached). */
public record LineFeatures(String id, int frames, int dimension, float[] data, float[] frameX, String spec, int[] labels)
        implements Serializable {
    public static LineFeatures of(TrainingLine line) {
        FeatureSequence f = line.features();
        return new LineFeatures(line.id(), f.frames(), f.dimension(), f.data(), f.frameX(), f.spec(), line.labels());
    }

    public TrainingLine line() {
        return new TrainingLine(id, new FeatureSequence(frames, dimension, data, frameX, spec), labels);
    }
}
