package dev.ductus.hybrid.train;

import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.loss.FrameCrossEntropy;
import dev.ductus.nn.optim.GradientClipping;
import dev.ductus.nn.optim.LearningRateSchedule;
import dev.ductus.nn.optim.Optimizer;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The training loop of a frame classifier: lines batched by length (with jitter, so batches differ from epoch
 * to epoch) in shuffled order, frame cross-entropy against the alignment targets, gradient clipping, one
 * optimizer step per batch; after every epoch the validation frame error rate decides whether the model is
 * better (then {@link Hooks#improved} writes it) and when to stop early; {@link Hooks#epochDone} writes a
 * checkpoint from which {@link State} resumes. MLP and BLSTM networks both read whole lines (an MLP through a
 * frame window layer), so one loop trains both.
 */
public final class FrameTrainer {
    /** What the job does at the end of an epoch. */
    public interface Hooks {
        /** The validation FER improved: the weights now are the best so far. */
        void improved(State state) throws IOException;

        /** An epoch ended (after {@link #improved}, if it did): write a checkpoint. */
        void epochDone(State state) throws IOException;
    }

    /** Where a run is; stored in checkpoints. */
    public static final class State {
        public int epoch;
        public long steps;
        public double bestFer = Double.POSITIVE_INFINITY;
        public double bestLoss = Double.POSITIVE_INFINITY;
        public int bestEpoch;
        public int badEpochs;
        public double seconds;

        public Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("train.epoch", Integer.toString(epoch));
            m.put("train.steps", Long.toString(steps));
            m.put("train.best.fer", Double.toString(bestFer));
            m.put("train.best.loss", Double.toString(bestLoss));
            m.put("train.best.epoch", Integer.toString(bestEpoch));
            m.put("train.bad.epochs", Integer.toString(badEpochs));
            m.put("train.seconds", Double.toString(seconds));
            return m;
        }

        public static State from(Map<String, String> m) {
            State s = new State();
            s.epoch = Integer.parseInt(m.getOrDefault("train.epoch", "0"));
            s.steps = Long.parseLong(m.getOrDefault("train.steps", "0"));
            s.bestFer = Double.parseDouble(m.getOrDefault("train.best.fer", "Infinity"));
            s.bestLoss = Double.parseDouble(m.getOrDefault("train.best.loss", "Infinity"));
            s.bestEpoch = Integer.parseInt(m.getOrDefault("train.best.epoch", "0"));
            s.badEpochs = Integer.parseInt(m.getOrDefault("train.bad.epochs", "0"));
            s.seconds = Double.parseDouble(m.getOrDefault("train.seconds", "0"));
            return s;
        }
    }

    /**
     * @param batch         lines per update
     * @param patience      epochs without a better validation FER before stopping
     * @param progressSteps a progress event every this many updates
     */
    public record Settings(int epochs, int batch, double lr, String schedule, double clip, int patience, long seed,
                           int progressSteps, String phase) {
        public Settings {
            if (epochs < 1 || batch < 1 || patience < 1 || progressSteps < 1) {
                throw new IllegalArgumentException("epochs, batch, patience and progress steps must be positive");
            }
            if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + lr);
            LearningRateSchedule.parse(schedule);
        }
    }

    private final Settings settings;

    public FrameTrainer(Settings settings) {
        this(settings, LOCAL);
    }

    /** @param gradients where the batches' gradients are computed (this machine, or a cluster) */
    public FrameTrainer(Settings settings, GradientSource gradients) {
        this.settings = settings;
        this.gradients = gradients;
    }

    /**
     * The gradient of one batch: fills the network's parameter gradients (after zeroing them) with the gradient of
     * the batch's mean frame cross-entropy, and returns the batch's loss figures.
     */
    public interface Gradients extends AutoCloseable {
        FrameCrossEntropy.Result compute(Network net, List<FrameLine> batch);

        @Override
        default void close() {
        }
    }

    /** Opens the gradient computation of one training run over these lines (all batches are drawn from them). */
    @FunctionalInterface
    public interface GradientSource {
        Gradients open(Network net, List<FrameLine> train);
    }

    /** One forward and backward pass over the batch on this machine. */
    public static final GradientSource LOCAL = (net, train) -> new Gradients() {
        private final FrameCrossEntropy ce = new FrameCrossEntropy();
        private final Batch x = new Batch(new Tensor(DataType.FLOAT, 1));
        private final Batch grad = new Batch(new Tensor(DataType.FLOAT, 1));

        @Override
        public FrameCrossEntropy.Result compute(Network n, List<FrameLine> batch) {
            return batchGradient(n, batch, ce, x, grad);
        }

        @Override
        public void close() {
            x.data().release();
            grad.data().release();
        }
    };

    /** The gradient of a batch into {@code net}'s parameter gradients, with these buffers. */
    public static FrameCrossEntropy.Result batchGradient(Network net, List<FrameLine> batch, FrameCrossEntropy ce, Batch x, Batch grad) {
        HybridModel.assemble(batch.stream().map(FrameLine::input).toList(), net.inputShape().channels(), x);
        int[][] targets = batch.stream().map(FrameLine::targets).toArray(int[][]::new);
        net.zeroGrad();
        FrameCrossEntropy.Result r = ce.compute(net.forward(x, true), targets, grad);
        net.backward(grad);
        return r;
    }

    /**
     * Trains from {@code state} (a fresh one, or one read from a checkpoint) until the epochs are done or the
     * validation FER stopped improving. Lines without targets are left out.
     */
    private final GradientSource gradients;

    public State train(Network net, Optimizer optimizer, List<FrameLine> trainLines, List<FrameLine> validLines,
                       State state, TrainingListener listener, Hooks hooks) throws IOException {
        List<FrameLine> train = aligned(trainLines);
        if (train.isEmpty()) throw new IllegalArgumentException("no training line has frame targets");
        List<FrameLine> valid = aligned(validLines);
        LearningRateSchedule schedule = LearningRateSchedule.parse(settings.schedule());
        int stepsPerEpoch = (train.size() + settings.batch() - 1) / settings.batch();
        long totalSteps = (long) stepsPerEpoch * settings.epochs();
        long runStart = System.nanoTime();
        double secondsBefore = state.seconds;
        long stepsBefore = state.steps;
        try (Gradients g = gradients.open(net, train)) {
            while (state.epoch < settings.epochs()) {
                int epoch = state.epoch;
                FrameEvaluation seen = FrameEvaluation.EMPTY;
                List<List<FrameLine>> batches = batches(train, epoch);
                for (int b = 0; b < batches.size(); b++) {
                    if (Thread.currentThread().isInterrupted()) throw new IOException("training interrupted");
                    List<FrameLine> chunk = batches.get(b);
                    FrameCrossEntropy.Result r = g.compute(net, chunk);
                    double norm = GradientClipping.clipGlobalNorm(net.params(), settings.clip());
                    double lr = settings.lr() * schedule.factor(state.steps, epoch);
                    if (Double.isFinite(norm)) optimizer.step(net.params(), lr);
                    else listener.message("skipped an update with a non-finite gradient (epoch " + (epoch + 1) + ")");
                    seen = seen.plus(FrameEvaluation.of(r));
                    state.steps++;
                    if (state.steps % settings.progressSteps() == 0 || b + 1 == batches.size()) {
                        double elapsed = secondsBefore + (System.nanoTime() - runStart) / 1e9;
                        double perStep = (System.nanoTime() - runStart) / 1e9 / Math.max(1, state.steps - stepsBefore);
                        Map<String, Double> m = new LinkedHashMap<>();
                        m.put("epoch", epoch + (b + 1.0) / batches.size());
                        m.put("loss", seen.loss());
                        m.put("fer", seen.frameErrorRate());
                        m.put("lr", lr);
                        listener.progress(new TrainingProgress(settings.phase(), state.steps, totalSteps, m, elapsed,
                                perStep * Math.max(0, totalSteps - state.steps)));
                    }
                }
                FrameEvaluation v = valid.isEmpty() ? seen : FrameEvaluation.measure(net, valid, settings.batch());
                state.epoch = epoch + 1;
                state.seconds = secondsBefore + (System.nanoTime() - runStart) / 1e9;
                boolean better = v.frameErrorRate() < state.bestFer - 1e-9
                        || (v.frameErrorRate() <= state.bestFer + 1e-9 && v.loss() < state.bestLoss);
                if (better) {
                    state.bestFer = v.frameErrorRate();
                    state.bestLoss = v.loss();
                    state.bestEpoch = epoch + 1;
                    state.badEpochs = 0;
                    hooks.improved(state);
                } else {
                    state.badEpochs++;
                }
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("epoch", (double) (epoch + 1));
                m.put("train.loss", seen.loss());
                m.put("train.fer", seen.frameErrorRate());
                m.put("loss", v.loss());
                m.put("fer", v.frameErrorRate());
                m.put("best.fer", state.bestFer);
                double perStep = (System.nanoTime() - runStart) / 1e9 / Math.max(1, state.steps - stepsBefore);
                listener.progress(new TrainingProgress("validate", state.steps, totalSteps, m, state.seconds,
                        perStep * Math.max(0, totalSteps - state.steps)));
                boolean stop = state.badEpochs >= settings.patience();
                if (stop) state.epoch = settings.epochs();
                hooks.epochDone(state);
                if (stop) {
                    listener.message(String.format(Locale.ROOT, "early stop after epoch %d: no better validation FER for %d epochs"
                            + " (best %.4f at epoch %d)", epoch + 1, settings.patience(), state.bestFer, state.bestEpoch));
                }
            }
        }
        return state;
    }

    private static List<FrameLine> aligned(List<FrameLine> lines) {
        List<FrameLine> out = new ArrayList<>();
        for (FrameLine l : lines) if (l.targets() != null) out.add(l);
        return out;
    }

    /** Lines sorted by length with 20 % jitter, cut into batches, the batches shuffled. */
    private List<List<FrameLine>> batches(List<FrameLine> train, int epoch) {
        SplittableRandom rnd = new SplittableRandom(settings.seed() * 7919L + epoch);
        int n = train.size();
        double[] key = new double[n];
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            key[i] = train.get(i).frames() * (1 + 0.2 * rnd.nextDouble());
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, Comparator.comparingDouble(i -> key[i]));
        List<List<FrameLine>> out = new ArrayList<>();
        for (int s = 0; s < n; s += settings.batch()) {
            List<FrameLine> b = new ArrayList<>();
            for (int j = s; j < Math.min(n, s + settings.batch()); j++) b.add(train.get(idx[j]));
            out.add(b);
        }
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            List<FrameLine> t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }
}
