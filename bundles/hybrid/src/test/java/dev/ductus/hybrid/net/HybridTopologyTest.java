package dev.ductus.hybrid.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.spec.ModelSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class HybridTopologyTest {
    private static long built(int input, String hidden, int states) {
        Network n = new NetworkBuilder(DataType.FLOAT, 1).build(new Shape(1, input), ModelSpec.parse(hidden).append("dense=" + states));
        long p = n.parameterCount();
        n.releaseBuffers();
        return p;
    }

    @Test
    void parameterFormulasMatchTheBuiltNetworks() {
        for (int depth = 1; depth <= 3; depth++) {
            assertEquals(built(7, HybridTopology.mlp(2, depth, 11, 0.1), 13), HybridTopology.mlpParameters(7, 2, depth, 11, 13));
            assertEquals(built(7, HybridTopology.rnn(depth, 5, 0), 13), HybridTopology.rnnParameters(7, depth, 5, 13));
        }
    }

    @Test
    void widthsForABudgetStayWithinItAndShrinkWithDepth() {
        long budget = 400_000;
        int previous = Integer.MAX_VALUE;
        for (int depth = 1; depth <= 5; depth++) {
            int w = HybridTopology.mlpWidthFor(budget, 114, 4, depth, 474);
            assertTrue(HybridTopology.mlpParameters(114, 4, depth, w, 474) <= budget);
            assertTrue(HybridTopology.mlpParameters(114, 4, depth, w + 1, 474) > budget);
            assertTrue(w <= previous);
            previous = w;
        }
        int r = HybridTopology.rnnWidthFor(budget, 114, 2, 474);
        assertTrue(HybridTopology.rnnParameters(114, 2, r, 474) <= budget);
        assertTrue(HybridTopology.rnnParameters(114, 2, r + 1, 474) > budget);
    }
}
