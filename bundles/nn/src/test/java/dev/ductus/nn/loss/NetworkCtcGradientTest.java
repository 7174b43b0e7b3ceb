package dev.ductus.nn.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.nn.check.GradientCheck;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.layer.TestBatches;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A small CRNN end to end: every parameter's gradient through the whole stack and the CTC loss. */
class NetworkCtcGradientTest {
    @Test
    void crnnWithCtcMatchesFiniteDifferences() {
        Network net = new NetworkBuilder(DataType.DOUBLE, 5).build(new Shape(6, 1),
                ModelSpec.parse("conv=3:3x3:tanh,pool=2x2,norm,blstm=3,dense=4"));
        Batch x = TestBatches.random(DataType.DOUBLE, new int[] {6, 6}, new int[] {14, 10}, 1, 3);
        int[][] labels = {{1, 2, 2}, {3}};
        CtcLoss ctc = new CtcLoss(0);
        Batch grad = new Batch(new Tensor(DataType.DOUBLE, 1));
        List<GradientCheck.Result> results = GradientCheck.checkParams(net.params(),
                () -> ctc.compute(net.forward(x, true), labels, CtcLoss.Reduction.MEAN, null).loss(),
                () -> {
                    ctc.compute(net.forward(x, true), labels, CtcLoss.Reduction.MEAN, grad);
                    net.backward(grad);
                }, 11, 1e-6, 40);
        for (GradientCheck.Result r : results) assertTrue(r.passes(1e-5), r.toString());
    }
}
