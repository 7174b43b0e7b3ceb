package dev.ductus.hybrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Frame classifiers trained by {@link FrameTrainer} on a linearly separable toy set reach 0 frame errors. */
class SeparableFramesTest {
    private static final int STATES = 5;
    private static final int DIM = 4;

    /** Lines of 20-40 frames walking through states left to right; frames are noisy copies of the state's centre. */
    static List<FrameLine> lines(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = new double[STATES][DIM];
        SplittableRandom c = new SplittableRandom(99);
        for (int s = 0; s < STATES; s++) for (int d = 0; d < DIM; d++) centres[s][d] = 4 * (c.nextDouble() - 0.5) + (d == s % DIM ? 6 : 0);
        List<FrameLine> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int frames = 20 + r.nextInt(21);
            int[] targets = new int[frames];
            float[] x = new float[frames * DIM];
            float[] fx = new float[frames];
            for (int t = 0; t < frames; t++) {
                targets[t] = Math.min(STATES - 1, t * STATES / frames + (r.nextInt(4) == 0 ? 1 : 0));
                for (int d = 0; d < DIM; d++) x[t * DIM + d] = (float) (centres[targets[t]][d] + 0.3 * r.nextGaussian());
                fx[t] = t;
            }
            out.add(new FrameLine("l" + i, "", new int[0], x, frames, targets, fx, frames));
        }
        return out;
    }

    private static FrameTrainer.State train(String model, List<FrameLine> train, List<FrameLine> valid, Network[] out,
                                            List<TrainingProgress> events) throws Exception {
        Network net = new NetworkBuilder(DataType.FLOAT, 5).build(new Shape(1, DIM), ModelSpec.parse(model).append("dense=" + STATES));
        out[0] = net;
        FrameTrainer.Settings s = new FrameTrainer.Settings(15, 8, 0.01, "constant", 5, 15, 1, 5, "epoch");
        return new FrameTrainer(s).train(net, new Adam(), train, valid, new FrameTrainer.State(), new TrainingListener() {
            @Override
            public void progress(TrainingProgress event) {
                events.add(event);
            }
        }, new FrameTrainer.Hooks() {
            @Override
            public void improved(FrameTrainer.State state) {
            }

            @Override
            public void epochDone(FrameTrainer.State state) {
            }
        });
    }

    @Test
    void mlpReachesZeroFrameErrors() throws Exception {
        List<FrameLine> train = lines(60, 1);
        List<FrameLine> valid = lines(20, 2);
        Network[] net = new Network[1];
        List<TrainingProgress> events = new ArrayList<>();
        FrameTrainer.State state = train("window=1,dense=16:relu", train, valid, net, events);
        FrameEvaluation v = FrameEvaluation.measure(net[0], valid, 8);
        assertEquals(0, v.errors(), v.toString());
        assertEquals(0.0, state.bestFer);
        assertTrue(events.stream().anyMatch(e -> e.phase().equals("validate")));
        assertTrue(events.stream().allMatch(e -> e.etaSeconds() >= 0 && e.step() <= e.totalSteps()));
    }

    @Test
    void blstmReachesZeroFrameErrors() throws Exception {
        List<FrameLine> train = lines(60, 3);
        List<FrameLine> valid = lines(20, 4);
        Network[] net = new Network[1];
        train("blstm=8", train, valid, net, new ArrayList<>());
        FrameEvaluation v = FrameEvaluation.measure(net[0], valid, 8);
        assertEquals(0, v.errors(), v.toString());
    }
}
