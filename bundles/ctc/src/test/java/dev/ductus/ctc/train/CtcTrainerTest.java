package dev.ductus.ctc.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.ctc.decode.BestPathDecoder;
import dev.ductus.ctc.input.FeatureSetup;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.ctc.model.CtcOpticalModel;
import dev.ductus.testsupport.SyntheticLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtcTrainerTest {
    @TempDir
    Path dir;

    static final Map<String, String> DEFAULTS = Map.of("model", "conv=6:3x3,pool=2x2,blstm=16", "epochs", "12",
            "batch", "8", "lr", "0.01", "optimizer", "adam", "patience", "20", "augment", "false",
            "checkpoint.steps", "5", "progress.steps", "4");

    /** Collects what the trainer reports. */
    static class Events implements TrainingListener {
        final List<TrainingProgress> progress = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void progress(TrainingProgress event) {
            progress.add(event);
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }

        List<TrainingProgress> phase(String p) {
            return progress.stream().filter(e -> e.phase().equals(p)).toList();
        }
    }

    private TrainingRequest request(Path out, boolean resume, Map<String, String> options) {
        return new TrainingRequest(SyntheticLines.dataset("train", 64, 1), SyntheticLines.dataset("validation", 16, 2),
                out, resume, options);
    }

    @Test
    void crnnLearnsTheGlyphsAndItsModelFileScoresLines() throws Exception {
        Path out = dir.resolve("crnn.model");
        Events events = new Events();
        CtcTrainer trainer = new CtcTrainer("crnn", new PixelSetup(SyntheticLines.HEIGHT), null, DEFAULTS);
        TrainingResult result = trainer.train(request(out, false, Map.of()), events);
        assertTrue(result.metrics().get("cer") < 0.1, "validation CER " + result.metrics() + " " + events.phase("validate"));
        List<TrainingProgress> epochs = events.phase("epoch");
        assertTrue(epochs.size() >= 12, "progress events");
        TrainingProgress last = epochs.get(epochs.size() - 1);
        assertEquals(last.totalSteps(), last.step());
        assertTrue(last.metrics().containsKey("loss") && last.elapsedSeconds() > 0 && last.etaSeconds() >= 0);
        assertTrue(events.phase("validate").stream().allMatch(e -> e.metrics().containsKey("cer") && e.metrics().containsKey("wer")));

        CtcModel model = CtcModel.read(out, null, null);
        assertEquals("crnn", model.info().system());
        assertEquals("pixels:h=16", model.info().inputSpec());
        assertEquals("train/synthetic", model.info().facts().get("train.data").replace("synthetic/train", "train/synthetic"));
        CtcOpticalModel scorer = new CtcOpticalModel(model, new PixelSetup(0).restore(model.inputSpec(), null, null));
        FrameScores s = scorer.score(SyntheticLines.render("ab cab", 1));
        assertEquals("ab cab", new BestPathDecoder().decode(s).text());
        assertTrue(Files.exists(CtcTrainer.checkpointOf(out)));
    }

    @Test
    void aKilledRunResumesFromItsCheckpointAndFinishes() throws Exception {
        Path out = dir.resolve("killed.model");
        CtcTrainer trainer = new CtcTrainer("crnn", new PixelSetup(SyntheticLines.HEIGHT), null, DEFAULTS);
        Map<String, String> opts = Map.of("epochs", "4");
        Events first = new Events() {
            @Override
            public void progress(TrainingProgress e) {
                super.progress(e);
                if (e.step() >= 14) throw new IllegalStateException("killed");
            }
        };
        assertThrows(IllegalStateException.class, () -> trainer.train(request(out, true, opts), first));
        assertTrue(Files.exists(CtcTrainer.checkpointOf(out)));
        Events second = new Events();
        TrainingResult r = trainer.train(request(out, true, opts), second);
        assertTrue(second.messages.stream().anyMatch(m -> m.startsWith("resuming")), second.messages.toString());
        // 64 lines in batches of 8: 8 steps per epoch; the run went on from its last checkpoint (step 10)
        assertEquals(32, r.metrics().get("steps"));
        assertEquals(11, second.progress.get(0).step() - 1, 4, "resumed near the checkpoint, not from 0");
    }

    @Test
    void aSpentTimeBudgetEndsTheEpochValidatesAndStopsAndTheModelKeepsItsCurveAndChain() throws Exception {
        Path out = dir.resolve("budget.model");
        Events events = new Events();
        Map<String, String> d = new java.util.HashMap<>(DEFAULTS);
        d.put("chain", "pixels");
        CtcTrainer trainer = new CtcTrainer("crnn", new PixelSetup(SyntheticLines.HEIGHT), null, d);
        // 0.0001 min = 6 ms: spent after the first batch
        TrainingResult r = trainer.train(request(out, false, Map.of("max.minutes", "0.0001", "epochs", "30")), events);
        assertEquals(1, events.phase("validate").size(), "the epoch under way is validated, no further one runs");
        // 64 lines in batches of 8: the budget (6 ms) is spent within the first epoch's 8 steps
        assertTrue(r.metrics().get("steps") >= 1 && r.metrics().get("steps") < 8, "stopped within the epoch: " + r.metrics());
        assertTrue(events.messages.stream().anyMatch(m -> m.startsWith("time budget")), events.messages.toString());
        Map<String, String> facts = CtcModel.read(out, null, null).info().facts();
        assertEquals("pixels", facts.get("chain"));
        String[] curve = facts.get("curve").split(" ");
        assertEquals(1, curve.length, facts.get("curve"));
        String[] point = curve[0].split(":");
        assertEquals("1", point[0]);
        assertEquals(Double.parseDouble(facts.get("validation.cer")), Double.parseDouble(point[2]), 1e-4);
    }

    /**
     * #14 fine-tuning: `from` starts from a trained model's weights (with lr 0 the first epoch reads exactly as the
     * source does, where a fresh network reads nothing), never writes to the source, records where it came from,
     * and refuses a model of another system.
     */
    @Test
    void fineTuningStartsFromTheGivenModelsWeights() throws Exception {
        Path source = dir.resolve("source.model");
        CtcTrainer trainer = new CtcTrainer("crnn", new PixelSetup(SyntheticLines.HEIGHT), null, DEFAULTS);
        double sourceCer = trainer.train(request(source, false, Map.of("epochs", "6")), new Events()).metrics().get("cer");
        assertTrue(sourceCer < 0.5, "the source model reads: " + sourceCer);
        byte[] before = Files.readAllBytes(source);
        Path tuned = dir.resolve("tuned.model");
        Events events = new Events();
        double tunedCer = trainer.train(request(tuned, false, Map.of("from", source.toString(), "lr", "0", "epochs", "1")), events)
                .metrics().get("cer");
        assertEquals(sourceCer, tunedCer, 1e-9, "lr 0: the tuned model is the source");
        Path scratch = dir.resolve("scratch.model");
        double scratchCer = trainer.train(request(scratch, false, Map.of("lr", "0", "epochs", "1")), new Events()).metrics().get("cer");
        assertTrue(scratchCer > sourceCer + 0.3, "a fresh network reads nothing: " + scratchCer);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(source)), "the source file is not written to");
        assertEquals("source.model", CtcModel.read(tuned, null, null).info().facts().get("fine.tuned.from"));
        assertTrue(events.messages.stream().anyMatch(m -> m.contains("fine-tuning")), events.messages.toString());

        CtcTrainer other = new CtcTrainer("blstm-ctc", new PixelSetup(SyntheticLines.HEIGHT), null, DEFAULTS);
        InputException e = assertThrows(InputException.class,
                () -> other.train(request(dir.resolve("x.model"), false, Map.of("from", source.toString(), "epochs", "1")), new Events()));
        assertTrue(e.getMessage().contains("not blstm-ctc"), e.getMessage());
    }

    @Test
    void theKeptModelRecordsEveryEpochOfTheCurveNotOnlyThoseUpToIt() throws Exception {
        Path out = dir.resolve("flatcurve.model");
        CtcTrainer trainer = new CtcTrainer("crnn", new PixelSetup(SyntheticLines.HEIGHT), null, DEFAULTS);
        trainer.train(request(out, false, Map.of("lr", "0", "patience", "2", "epochs", "10")), new Events());
        Map<String, String> facts = CtcModel.read(out, null, null).info().facts();
        assertEquals("1", facts.get("epochs"), "epoch 1 is kept");
        assertEquals(3, facts.get("curve").split(" ").length, "but the curve has all three epochs: " + facts.get("curve"));
    }

    @Test
    void theKeptModelRecordsItsConfidenceCalibrationAndCalibrateOnlyRefitsItWithoutTraining() throws Exception {
        Path out = dir.resolve("calibrated.model");
        CtcTrainer trainer = new CtcTrainer("crnn", new PixelSetup(SyntheticLines.HEIGHT), null, DEFAULTS);
        Events events = new Events();
        trainer.train(request(out, false, Map.of()), events);
        Map<String, String> facts = CtcModel.read(out, null, null).info().facts();
        var calibration = dev.ductus.api.decode.ConfidenceCalibration.of(facts);
        assertTrue(calibration.isPresent(), facts.toString());
        double before = Double.parseDouble(facts.get("calibration.ece.before"));
        double after = Double.parseDouble(facts.get("calibration.ece.after"));
        assertTrue(after <= before + 1e-9, "fitted on these lines, the ECE cannot get worse: " + before + " -> " + after);
        assertTrue(Integer.parseInt(facts.get("calibration.characters")) > 16, facts.toString());
        assertTrue(events.messages.stream().anyMatch(m -> m.startsWith("confidence calibration")), events.messages.toString());

        // strip the calibration, then refit it alone: same numbers, and no training step runs
        Map<String, String> stripped = new java.util.LinkedHashMap<>(facts);
        stripped.keySet().removeIf(k -> k.startsWith("calibration."));
        CtcModel.read(out, null, null).withFacts(stripped).write(out, null, Map.of());
        Events again = new Events();
        TrainingResult r = trainer.train(request(out, false, Map.of("calibrate.only", "true")), again);
        assertTrue(again.phase("epoch").isEmpty(), "calibrate.only trains nothing");
        Map<String, String> refit = CtcModel.read(out, null, null).info().facts();
        assertEquals(facts.get("calibration.a"), refit.get("calibration.a"));
        assertEquals(after, r.metrics().get("ece.after"), 1e-5);
        assertEquals(facts.get("curve"), refit.get("curve"), "the other facts are kept");
    }

    @Test
    void anUnknownOptionKeyIsRefusedWithTheNearestKnownOne() {
        CtcTrainer trainer = new CtcTrainer("crnn", new PixelSetup(SyntheticLines.HEIGHT), null, DEFAULTS);
        dev.ductus.api.InputException e = assertThrows(dev.ductus.api.InputException.class,
                () -> trainer.train(request(dir.resolve("x.model"), false, Map.of("epoch", "1")), new Events()));
        assertTrue(e.getMessage().contains("'epoch'") && e.getMessage().contains("did you mean 'epochs'?"), e.getMessage());
        assertTrue(TrainingOptions.OPTIONS.keySet().containsAll(List.of("max.minutes", "calibrate.only", "chain", "data")));
    }

    @Test
    void aResumedRunEndsWithExactlyTheModelOfAnUninterruptedOne() throws Exception {
        Map<String, String> opts = Map.of("epochs", "3", "augment", "true", "model", "conv=6:3x3,pool=2x2,blstm=16,dropout=0.5");
        CtcTrainer trainer = new CtcTrainer("crnn", new PixelSetup(SyntheticLines.HEIGHT), null, DEFAULTS);
        Path whole = dir.resolve("whole.model");
        trainer.train(request(whole, false, opts), new Events());
        Path resumed = dir.resolve("resumed.model");
        Events killed = new Events() {
            @Override
            public void progress(TrainingProgress e) {
                super.progress(e);
                if (e.step() >= 13) throw new IllegalStateException("killed");
            }
        };
        assertThrows(IllegalStateException.class, () -> trainer.train(request(resumed, true, opts), killed));
        trainer.train(request(resumed, true, opts), new Events());
        float[] a = weights(CtcModel.read(whole, null, null));
        float[] b = weights(CtcModel.read(resumed, null, null));
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 0f, "weight " + i + " differs after the resume");
    }

    private static float[] weights(CtcModel m) {
        java.util.List<Float> all = new ArrayList<>();
        for (var p : m.network().params()) {
            float[] v = p.value().toFloats(p.size());
            for (float x : v) all.add(x);
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) out[i] = all.get(i);
        return out;
    }

    @Test
    void stopsEarlyWhenValidationStopsImproving() throws Exception {
        Path out = dir.resolve("flat.model");
        Events events = new Events();
        CtcTrainer trainer = new CtcTrainer("crnn", new PixelSetup(SyntheticLines.HEIGHT), null, DEFAULTS);
        trainer.train(request(out, false, Map.of("lr", "0", "patience", "2", "epochs", "10")), events);
        assertEquals(3, events.phase("validate").size(), "epoch 1 sets the best, 2 and 3 do not improve");
        assertTrue(events.messages.stream().anyMatch(m -> m.startsWith("early stop")));
    }

    @Test
    void blstmOnFeaturesStoresTheExtractorAndRefusesAnother() throws Exception {
        Path out = dir.resolve("blstm.model");
        CtcTrainer trainer = new CtcTrainer("blstm-ctc", new FeatureSetup(new SyntheticLines.BandFeatures(4)), null, DEFAULTS);
        TrainingResult r = trainer.train(request(out, false, Map.of("model", "blstm=16", "epochs", "15")), new Events());
        assertTrue(r.metrics().get("cer") < 0.25, r.metrics().toString());
        CtcModel model = CtcModel.read(out, null, null);
        assertEquals("bands:4", model.inputSpec());
        assertEquals(4, model.featureMean().length);
        assertThrows(IllegalArgumentException.class, () -> new FeatureSetup(new SyntheticLines.BandFeatures(3))
                .restore(model.inputSpec(), model.featureMean(), model.featureStd()));
        CtcTrainer other = new CtcTrainer("blstm-ctc", new FeatureSetup(new SyntheticLines.BandFeatures(3)), null, DEFAULTS);
        InputException e = assertThrows(InputException.class, () -> other.train(request(out, true, Map.of("model", "blstm=16")), new Events()));
        assertTrue(e.getMessage().contains("bands:4"), e.getMessage());
    }
}
