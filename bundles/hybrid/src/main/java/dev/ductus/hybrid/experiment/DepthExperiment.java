package dev.ductus.hybrid.experiment;

import dev.ductus.api.train.TrainingListener;
import dev.ductus.eval.ErrorRates;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.hybrid.model.HybridModelFile;
import dev.ductus.hybrid.net.HybridTopology;
import dev.ductus.hybrid.train.FrameEvaluation;
import dev.ductus.hybrid.train.FrameLine;
import dev.ductus.hybrid.train.FrameTrainer;
import dev.ductus.hybrid.train.HybridTrainingJob;
import dev.ductus.hybrid.train.HybridTrainingOptions;
import dev.ductus.hybrid.train.LineDecoding;
import dev.ductus.nn.optim.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The depth experiment: networks of 1, 2, ..., N hidden layers with (nearly) the same number of parameters,
 * each as wide as the budget allows at its depth, trained on the same aligned lines with the same options;
 * each is measured by its validation frame error rate and by the CER of decoding validation lines without LM.
 * At constant size, a deeper network trades width for more levels of composition; the question is whether that
 * pays.
 */
public final class DepthExperiment {
    /**
     * @param parameters the budget every network stays within (output layer included)
     * @param radius     MLP frame window radius (frames t-K..t+K)
     */
    public record Settings(String system, int maxDepth, long parameters, int radius, double dropout) {
        public Settings {
            if (!system.equals(HybridModel.MLP_HMM) && !system.equals(HybridModel.RNN_HMM)) {
                throw new IllegalArgumentException("system must be " + HybridModel.MLP_HMM + " or " + HybridModel.RNN_HMM);
            }
            if (maxDepth < 1 || parameters < 1 || radius < 0) throw new IllegalArgumentException("bad depth experiment settings");
        }
    }

    /** One trained depth. */
    public record Row(int depth, int width, long parameters, String model, double fer, double cer, double wer, int epochs,
                      double seconds) {
    }

    private final Settings settings;
    private final HybridTrainingOptions options;

    public DepthExperiment(Settings settings, HybridTrainingOptions options) {
        this.settings = settings;
        this.options = options;
    }

    /** The hidden layers of the network of that depth within the budget. */
    public String modelFor(int depth, int inputDim, int states) {
        if (settings.system().equals(HybridModel.MLP_HMM)) {
            int w = HybridTopology.mlpWidthFor(settings.parameters(), inputDim, settings.radius(), depth, states);
            return HybridTopology.mlp(settings.radius(), depth, w, settings.dropout());
        }
        int w = HybridTopology.rnnWidthFor(settings.parameters(), inputDim, depth, states);
        return HybridTopology.rnn(depth, w, settings.dropout());
    }

    private int widthFor(int depth, int inputDim, int states) {
        return settings.system().equals(HybridModel.MLP_HMM)
                ? HybridTopology.mlpWidthFor(settings.parameters(), inputDim, settings.radius(), depth, states)
                : HybridTopology.rnnWidthFor(settings.parameters(), inputDim, depth, states);
    }

    /** Trains every depth; each model goes to {@code out/SYSTEM-depth-L.model}. */
    public List<Row> run(HybridTrainingJob.Data data, Path out, TrainingListener listener, Consumer<Row> onRow) throws IOException {
        Files.createDirectories(out);
        int inputDim = data.input().dimension();
        int states = data.priors().states();
        List<FrameLine> cerLines = data.valid().subList(0, Math.min(data.valid().size(), options.validationLines()));
        List<Row> rows = new ArrayList<>();
        for (int depth = 1; depth <= settings.maxDepth(); depth++) {
            long t0 = System.nanoTime();
            String spec = modelFor(depth, inputDim, states);
            HybridModel model = HybridTrainingJob.untrained(settings.system(), spec, data, options.priorExponent(), options.seed());
            Path file = out.resolve(settings.system() + "-depth-" + depth + ".model");
            listener.message(String.format(java.util.Locale.ROOT, "depth %d: %s, %d parameters", depth, spec,
                    model.network().parameterCount()));
            FrameTrainer.Hooks hooks = new FrameTrainer.Hooks() {
                @Override
                public void improved(FrameTrainer.State state) throws IOException {
                    HybridModelFile.write(file, model);
                }

                @Override
                public void epochDone(FrameTrainer.State state) {
                    // each depth is a short run of its own: no checkpoint
                }
            };
            FrameTrainer.State state = new FrameTrainer(options.frameSettings("depth-" + depth, options.epochs())).train(
                    model.network(), new Adam(), data.train(), data.valid(), new FrameTrainer.State(), listener, hooks);
            model.network().releaseBuffers();
            HybridModel best = HybridModelFile.read(file);
            FrameEvaluation fer = FrameEvaluation.measure(best.network(), data.valid(), options.batch());
            ErrorRates rates = LineDecoding.withoutLm(best, best.defaultScaling(), cerLines, options.threads());
            Row row = new Row(depth, widthFor(depth, inputDim, states), best.network().parameterCount(), spec, fer.frameErrorRate(),
                    rates.cer(), rates.wer(), state.bestEpoch, (System.nanoTime() - t0) / 1e9);
            best.releaseWorkers();
            best.network().releaseBuffers();
            rows.add(row);
            onRow.accept(row);
        }
        return rows;
    }
}
