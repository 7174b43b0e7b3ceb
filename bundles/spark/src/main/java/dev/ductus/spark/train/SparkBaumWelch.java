package dev.ductus.spark.train;

import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
import dev.ductus.gmmhmm.train.GmmHmmTrainer;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.train.BaumWelchStatistics;
import dev.ductus.hmm.train.EmbeddedBaumWelch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The E-step of embedded Baum-Welch on a cluster: the model is broadcast (as its model file's bytes) once per
 * iteration, each partition accumulates its lines into {@link BaumWelchStatistics} with the same per-line code the
 * local trainer runs ({@link EmbeddedBaumWelch#accumulateLine}), and the partitions' statistics are merged by
 * {@code treeAggregate}. Statistics add up, so the result equals the local trainer's up to the order of the sums.
 */
public final class SparkBaumWelch implements GmmHmmTrainer.EStep {
    /** The models of the latest broadcasts on this JVM (an iteration's tasks share one). */
    private static final Map<Long, GmmHmm> MODELS = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, GmmHmm> eldest) {
            return size() > 2;
        }
    };

    private final JavaSparkContext sc;
    private final JavaRDD<LineFeatures> lines;
    private final String featureSpec;
    private final double beam;
    private final int depth;

    /**
     * @param lines       the training lines, partitioned and preferably cached
     * @param featureSpec the features' spec (written into the broadcast model file)
     */
    public SparkBaumWelch(JavaSparkContext sc, JavaRDD<LineFeatures> lines, String featureSpec, double beam) {
        this.sc = sc;
        this.lines = lines;
        this.featureSpec = featureSpec;
        this.beam = beam;
        this.depth = 2;
    }

    @Override
    public BaumWelchStatistics accumulate(GmmHmm model) {
        Broadcast<byte[]> b = sc.broadcast(bytes(model, featureSpec));
        double beam = this.beam;
        try {
            return lines.treeAggregate(new BaumWelchStatistics(model), (stats, line) -> {
                EmbeddedBaumWelch.accumulateLine(model(b), line.line(), stats, beam);
                return stats;
            }, BaumWelchStatistics::merge, depth);
        } finally {
            b.destroy();
        }
    }

    private static GmmHmm model(Broadcast<byte[]> b) {
        synchronized (MODELS) {
            GmmHmm m = MODELS.get(b.id());
            if (m == null) {
                m = read(b.value());
                MODELS.put(b.id(), m);
            }
            return m;
        }
    }

    /** The model as the bytes of its model file (doubles stored exactly). */
    static byte[] bytes(GmmHmm model, String featureSpec) {
        return FileBytes.of(file -> GmmHmmModelFile.write(file, new GmmHmmModel(featureSpec, model, Map.of())));
    }

    static GmmHmm read(byte[] bytes) {
        return FileBytes.read(bytes, file -> GmmHmmModelFile.read(file).gmmHmm());
    }
}
