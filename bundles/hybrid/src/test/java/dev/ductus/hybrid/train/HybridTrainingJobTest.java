package dev.ductus.hybrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
import dev.ductus.hmm.decode.DecoderSettings;
import dev.ductus.hmm.decode.TokenPassingDecoder;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hybrid.TrainedGmm;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.hybrid.model.HybridModelFile;
import dev.ductus.testsupport.RenderedLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridTrainingJobTest {
    @TempDir
    Path dir;

    private Map<String, String> options(String... more) {
        Map<String, String> o = new HashMap<>(Map.of("gmm.model", TrainedGmm.model().toString(), "preprocess", "false",
                "model", "window=2,dense=64:relu", "epochs", "8", "lr", "0.003", "batch", "8", "validation.lines", "20",
                "alignment.cache", dir.resolve("alignments").toString()));
        for (int i = 0; i < more.length; i += 2) o.put(more[i], more[i + 1]);
        return o;
    }

    private static final class Recorder implements TrainingListener {
        final List<TrainingProgress> events = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void progress(TrainingProgress event) {
            events.add(event);
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }
    }

    @Test
    void trainsAnMlpHmmOnTheGmmAlignmentThatDecodesLikeTheGmm() throws Exception {
        Path output = dir.resolve("models/rendered.mlp");
        Recorder rec = new Recorder();
        TrainingResult result = new HybridTrainingJob(HybridModel.MLP_HMM, null, Map.of()).run(
                new TrainingRequest(TrainedGmm.TRAIN, TrainedGmm.VALIDATION, output, false, options()), rec);
        assertEquals(output, result.model());
        assertFalse(Files.exists(HybridTrainingJob.checkpointOf(output)));
        assertTrue(result.metrics().get("validation.fer") < 0.5, result.metrics().toString());
        assertTrue(result.metrics().get("validation.cer") < 0.15, result.metrics() + " " + rec.messages);
        assertTrue(rec.events.stream().anyMatch(e -> e.phase().equals("validate")));

        // the frame targets were stored (the rendered samples have no folder: in the fallback folder)
        List<Path> aligned;
        try (Stream<Path> s = Files.list(dir.resolve("alignments"))) {
            aligned = s.sorted().toList();
        }
        assertEquals(2, aligned.size(), aligned.toString());
        assertTrue(aligned.get(0).getFileName().toString().startsWith("rendered-train-"), aligned.toString());

        // the model carries the GMM-HMM's HMMs: same states and transitions, so the same decoder reads both
        GmmHmmModel gmm = GmmHmmModelFile.read(TrainedGmm.model());
        HybridModel hybrid = HybridModelFile.read(output);
        CharacterHmms a = gmm.gmmHmm().hmms();
        CharacterHmms b = hybrid.hmms();
        assertEquals(a.alphabet(), b.alphabet());
        assertTrue(Arrays.equals(a.stateCounts(), b.stateCounts()));
        assertTrue(Arrays.equals(a.logSelfArray(), b.logSelfArray()));
        assertTrue(Arrays.equals(a.logNextArray(), b.logNextArray()));
        assertEquals("rendered/train", hybrid.facts().get("train.data"));
        assertEquals(TrainedGmm.model().toString(), hybrid.facts().get("gmm.model"));
        var image = RenderedLines.render("honest stone", 18, 0);
        FrameScores fromGmm = gmm.score(image);
        FrameScores fromHybrid = hybrid.score(image);
        assertEquals(fromGmm.kind(), fromHybrid.kind());
        assertEquals(fromGmm.classes(), fromHybrid.classes());
        assertEquals(fromGmm.frames(), fromHybrid.frames());
        TokenPassingDecoder decoder = new TokenPassingDecoder(DecoderSettings.defaults().withLm(1, 0));
        assertEquals("honest stone", decoder.decode(fromHybrid, null).text().trim());
        assertEquals("honest stone", decoder.decode(fromGmm, null).text().trim());

        // a second run finds the targets in the cache
        Recorder again = new Recorder();
        new HybridTrainingJob(HybridModel.MLP_HMM, null, Map.of()).run(new TrainingRequest(TrainedGmm.TRAIN, TrainedGmm.VALIDATION,
                dir.resolve("again.mlp"), false, options("epochs", "1")), again);
        assertTrue(again.messages.stream().anyMatch(m -> m.contains("read from")), again.messages.toString());
        assertFalse(again.messages.stream().anyMatch(m -> m.startsWith("forced alignment")), again.messages.toString());
    }

    @Test
    void resumesAnInterruptedRunFromItsCheckpoint() throws Exception {
        Path output = dir.resolve("rendered.rnn");
        TrainingListener stopAfterTwoEpochs = new TrainingListener() {
            @Override
            public void progress(TrainingProgress event) {
                if (event.phase().equals("validate") && event.metrics().get("epoch") >= 2) throw new IllegalStateException("stop");
            }
        };
        Map<String, String> o = options("model", "blstm=16", "epochs", "4", "lr", "0.01");
        assertThrows(IllegalStateException.class, () -> new HybridTrainingJob(HybridModel.RNN_HMM, null, Map.of()).run(
                new TrainingRequest(TrainedGmm.TRAIN, TrainedGmm.VALIDATION, output, false, o), stopAfterTwoEpochs));
        // the validate event comes before the epoch's checkpoint: one full epoch is checkpointed
        assertTrue(Files.exists(HybridTrainingJob.checkpointOf(output)));
        Recorder rec = new Recorder();
        TrainingResult r = new HybridTrainingJob(HybridModel.RNN_HMM, null, Map.of()).run(
                new TrainingRequest(TrainedGmm.TRAIN, TrainedGmm.VALIDATION, output, true, o), rec);
        assertTrue(rec.messages.stream().anyMatch(m -> m.startsWith("resuming")), rec.messages.toString());
        long epochsRun = rec.events.stream().filter(e -> e.phase().equals("validate")).count();
        assertEquals(3, epochsRun);
        assertFalse(Files.exists(HybridTrainingJob.checkpointOf(output)));
        HybridModel m = HybridModelFile.read(output);
        assertEquals(HybridModel.RNN_HMM, m.system());
        assertNotNull(r.metrics().get("validation.cer"));
    }

    @Test
    void realignmentPassWithTheHybridItself() throws Exception {
        Path output = dir.resolve("rendered.realign.mlp");
        Recorder rec = new Recorder();
        TrainingResult r = new HybridTrainingJob(HybridModel.MLP_HMM, null, Map.of()).run(new TrainingRequest(TrainedGmm.TRAIN,
                TrainedGmm.VALIDATION, output, false, options("epochs", "4", "realign", "1", "realign.epochs", "2")), rec);
        assertTrue(rec.messages.stream().anyMatch(m -> m.startsWith("re-alignment pass 1:") && m.contains("changed state")),
                rec.messages.toString());
        assertTrue(rec.events.stream().anyMatch(e -> e.phase().equals("realign-1")));
        assertFalse(Files.exists(output.resolveSibling(output.getFileName() + ".realign1")));
        double kept = r.metrics().get("realign.passes");
        assertEquals(kept, Double.parseDouble(HybridModelFile.read(output).facts().get("realign.passes")));
    }

    @Test
    void trainsOnRawPixelWindowsAlignedByTheGmmsFeatures() throws Exception {
        Path output = dir.resolve("rendered.pixels.mlp");
        Recorder rec = new Recorder();
        TrainingResult r = new HybridTrainingJob(HybridModel.MLP_HMM, null, Map.of()).run(new TrainingRequest(TrainedGmm.TRAIN,
                TrainedGmm.VALIDATION, output, false, options("features", "pixels:w=2,s=2,h=16", "epochs", "6")), rec);
        HybridModel m = HybridModelFile.read(output);
        assertEquals("pixels:w=2,s=2,h=16,deltas=0", m.featureSpec());
        assertEquals(32, m.normalizer().dimension());
        assertTrue(r.metrics().get("validation.fer") < 0.6, r.metrics() + " " + rec.messages);
        FrameScores s = m.score(RenderedLines.render("rain", 18, 0));
        assertEquals(GmmHmmModelFile.read(TrainedGmm.model()).gmmHmm().states(), s.classes());
    }

    @Test
    void refusesMissingOrMismatchedInputsNamingThem() {
        InputException e = assertThrows(InputException.class, () -> new HybridTrainingJob(HybridModel.MLP_HMM, null, Map.of()).run(
                new TrainingRequest(TrainedGmm.TRAIN, TrainedGmm.VALIDATION, dir.resolve("x"), false, Map.of("preprocess", "false")),
                new Recorder()));
        assertTrue(e.getMessage().contains("gmm.model"), e.getMessage());
        e = assertThrows(InputException.class, () -> new HybridTrainingJob(HybridModel.MLP_HMM, null, Map.of()).run(
                new TrainingRequest(TrainedGmm.TRAIN, TrainedGmm.VALIDATION, dir.resolve("x"), false,
                        options("features", "pixels:w=4,s=3,h=16")), new Recorder()));
        assertTrue(e.getMessage().contains("shifts its window"), e.getMessage());
        e = assertThrows(InputException.class, () -> new HybridTrainingJob(HybridModel.MLP_HMM, null, Map.of()).run(
                new TrainingRequest(TrainedGmm.TRAIN, TrainedGmm.VALIDATION, dir.resolve("x"), false, options("epoch", "3")),
                new Recorder()));
        assertTrue(e.getMessage().contains("'epoch'"), e.getMessage());
        e = assertThrows(InputException.class, () -> new HybridTrainingJob(HybridModel.MLP_HMM, null, Map.of()).run(
                new TrainingRequest(TrainedGmm.TRAIN, TrainedGmm.VALIDATION, dir.resolve("x"), false,
                        options("gmm.model", dir.resolve("none.gmmhmm").toString())), new Recorder()));
        assertTrue(e.getMessage().contains("none.gmmhmm"), e.getMessage());
    }
}
