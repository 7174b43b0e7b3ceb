package dev.ductus.hybrid.train;

import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.loss.FrameCrossEntropy;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Frame cross-entropy and frame error rate (the share of frames whose most probable state is not the target)
 * of a network over aligned lines, batched by length. Mergeable counts, like every statistic here.
 */
public record FrameEvaluation(double lossSum, long frames, long errors) {
    public static final FrameEvaluation EMPTY = new FrameEvaluation(0, 0, 0);

    public double loss() {
        return frames == 0 ? Double.NaN : lossSum / frames;
    }

    public double frameErrorRate() {
        return frames == 0 ? Double.NaN : (double) errors / frames;
    }

    public FrameEvaluation plus(FrameEvaluation o) {
        return new FrameEvaluation(lossSum + o.lossSum, frames + o.frames, errors + o.errors);
    }

    public static FrameEvaluation of(FrameCrossEntropy.Result r) {
        return new FrameEvaluation(r.loss() * r.frames(), r.frames(), r.errors());
    }

    /** Evaluates the lines that have targets, in batches of {@code batch} lines of similar length. */
    public static FrameEvaluation measure(Network network, List<FrameLine> lines, int batch) {
        List<FrameLine> aligned = new ArrayList<>();
        for (FrameLine l : lines) if (l.targets() != null) aligned.add(l);
        if (aligned.isEmpty()) return EMPTY;
        aligned.sort(Comparator.comparingInt(FrameLine::frames));
        int d = network.inputShape().channels();
        Batch x = new Batch(new Tensor(DataType.FLOAT, 1));
        FrameCrossEntropy ce = new FrameCrossEntropy();
        FrameEvaluation total = EMPTY;
        try {
            for (int start = 0; start < aligned.size(); start += batch) {
                List<FrameLine> chunk = aligned.subList(start, Math.min(aligned.size(), start + batch));
                HybridModel.assemble(chunk.stream().map(FrameLine::input).toList(), d, x);
                int[][] targets = chunk.stream().map(FrameLine::targets).toArray(int[][]::new);
                total = total.plus(of(ce.compute(network.forward(x, false), targets, null)));
            }
        } finally {
            x.data().release();
        }
        return total;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "loss %.4f, FER %.4f over %d frames", loss(), frameErrorRate(), frames);
    }

    /** Arg-max frame errors of given frames x states scores against targets (for models that are not networks). */
    public static long argmaxErrors(float[] scores, int states, int[] targets) {
        long errors = 0;
        for (int t = 0; t < targets.length; t++) {
            int o = t * states;
            int best = 0;
            for (int k = 1; k < states; k++) if (scores[o + k] > scores[o + best]) best = k;
            if (best != targets[t]) errors++;
        }
        return errors;
    }
}
