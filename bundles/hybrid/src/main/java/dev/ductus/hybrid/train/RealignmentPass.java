package dev.ductus.hybrid.train;

import dev.ductus.api.model.FrameScores;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.eval.ErrorRates;
import dev.ductus.hmm.train.Alignment;
import dev.ductus.hybrid.align.HybridAligner;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.hybrid.model.HybridModelFile;
import dev.ductus.hybrid.model.StatePriors;
import dev.ductus.nn.optim.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One re-alignment pass: the hybrid model force-aligns the training and validation lines itself, the priors
 * are counted again from the new targets, and a copy of the network trains on them from its current weights.
 * The pass writes its own model file ({@code MODEL.realignN}); the caller keeps it only when its validation
 * CER is lower, and then this file replaces the model.
 */
final class RealignmentPass {
    private final HybridTrainingOptions options;
    private final TrainingListener listener;
    private final FrameTrainer.GradientSource gradients;

    RealignmentPass(HybridTrainingOptions options, TrainingListener listener) {
        this(options, listener, FrameTrainer.LOCAL);
    }

    RealignmentPass(HybridTrainingOptions options, TrainingListener listener, FrameTrainer.GradientSource gradients) {
        this.options = options;
        this.listener = listener;
        this.gradients = gradients;
    }

    record Outcome(HybridModel model, List<FrameLine> train, List<FrameLine> valid, FrameEvaluation fer, ErrorRates rates) {
        double cer() {
            return rates.cer();
        }
    }

    Outcome run(HybridModel best, double previousCer, List<FrameLine> train, List<FrameLine> valid, List<FrameLine> cerLines, int pass, Path output)
            throws IOException {
        long t0 = System.nanoTime();
        List<FrameLine> newTrain = realign(best, train);
        List<FrameLine> newValid = realign(best, valid);
        long changed = changedFrames(train, newTrain);
        long total = train.stream().filter(l -> l.targets() != null).mapToLong(FrameLine::frames).sum();
        StatePriors priors = StatePriors.count(HybridTrainingJob.targetsOf(newTrain), best.hmms().totalStates(),
                options.priorSmoothing());
        listener.message(String.format(Locale.ROOT, "re-alignment pass %d: %.1f %% of the training frames changed state (%.0f s)",
                pass, 100.0 * changed / Math.max(1, total), (System.nanoTime() - t0) / 1e9));
        Path passFile = output.resolveSibling(output.getFileName() + ".realign" + pass);
        // a fresh copy of the weights: the model before this pass must survive if the pass is rejected
        HybridModel start = HybridModelFile.read(output).withPriors(priors)
                .withFacts(Map.of("realign.passes", Integer.toString(pass)));
        Adam optimizer = new Adam();
        FrameTrainer.Hooks hooks = new FrameTrainer.Hooks() {
            @Override
            public void improved(FrameTrainer.State state) throws IOException {
                HybridModelFile.write(passFile, start);
            }

            @Override
            public void epochDone(FrameTrainer.State state) {
                // a pass restarts from the model before it: no checkpoint
            }
        };
        new FrameTrainer(options.frameSettings("realign-" + pass, options.realignEpochs()), gradients).train(start.network(), optimizer,
                newTrain, newValid, new FrameTrainer.State(), listener, hooks);
        HybridModel trained = HybridModelFile.read(passFile);
        FrameEvaluation fer = FrameEvaluation.measure(trained.network(), newValid, options.batch());
        List<FrameLine> cerNew = newValid.subList(0, cerLines.size());
        ErrorRates rates = LineDecoding.withoutLm(trained, trained.defaultScaling(), cerNew, options.threads());
        listener.message(String.format(Locale.ROOT, "re-alignment pass %d: validation FER %.2f %% (on its own targets), CER %.2f %%,"
                + " WER %.2f %%", pass, 100 * fer.frameErrorRate(), 100 * rates.cer(), 100 * rates.wer()));
        if (rates.cer() < previousCer) {
            Files.move(passFile, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.deleteIfExists(passFile);
        }
        return new Outcome(trained, newTrain, newValid, fer, rates);
    }

    /** The lines with the hybrid's own Viterbi alignment as targets (none where no path fits). */
    private List<FrameLine> realign(HybridModel model, List<FrameLine> lines) {
        List<FrameScores> scores = LineDecoding.score(model, model.defaultScaling(), lines, 16);
        List<FrameLine> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            FrameLine l = lines.get(i);
            Alignment a = HybridAligner.align(l.id(), model.hmms(), l.labels(), scores.get(i).scores(), l.frames());
            out.add(l.withTargets(a == null ? null : a.globalStates()));
        }
        return out;
    }

    private static long changedFrames(List<FrameLine> before, List<FrameLine> after) {
        long n = 0;
        for (int i = 0; i < before.size(); i++) {
            int[] a = before.get(i).targets();
            int[] b = after.get(i).targets();
            if (a == null || b == null) continue;
            for (int t = 0; t < a.length; t++) if (a[t] != b[t]) n++;
        }
        return n;
    }
}
