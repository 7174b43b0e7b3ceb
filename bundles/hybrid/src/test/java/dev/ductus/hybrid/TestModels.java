package dev.ductus.hybrid;

import dev.ductus.api.model.Alphabet;
import dev.ductus.features.spec.WindowFeatureExtractor;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hybrid.model.FeatureNormalizer;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.hybrid.model.StatePriors;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.spec.ModelSpec;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/** Hybrid models with untrained networks, for file, scoring and component tests. */
public final class TestModels {
    public static final String SPEC = "handcrafted:w=2,s=2,deltas=0";

    private TestModels() {
    }

    /** An untrained but complete model over a small alphabet, with skips, so every header field is exercised. */
    public static HybridModel model(String system, String hidden, long seed, Map<String, String> facts) {
        Alphabet alphabet = Alphabet.of(List.of(" abcdefghijklmnopqrstuvwxyz"));
        int[] counts = new int[alphabet.size()];
        for (int i = 0; i < counts.length; i++) counts[i] = 1 + i % 3;
        CharacterHmms hmms = CharacterHmms.create(alphabet, counts, 0.55, 0.05);
        int dim = WindowFeatureExtractor.of(SPEC).dimension();
        Network net = new NetworkBuilder(DataType.FLOAT, seed).build(new Shape(1, dim),
                ModelSpec.parse(hidden).append("dense=" + hmms.totalStates()));
        float[] mean = new float[dim];
        float[] std = new float[dim];
        double[] prior = new double[hmms.totalStates()];
        for (int d = 0; d < dim; d++) {
            mean[d] = 0.1f * d;
            std[d] = 1 + 0.01f * d;
        }
        for (int s = 0; s < prior.length; s++) prior[s] = 1 + s % 5;
        return new HybridModel(system, hmms, SPEC, new FeatureNormalizer(mean, std), StatePriors.of(prior), 0.7, net, facts);
    }

}
