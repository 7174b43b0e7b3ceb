package dev.ductus.attention.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.attention.component.AttentionModelComponent;
import dev.ductus.attention.decode.AttentionBeamSearch;
import dev.ductus.attention.model.AttentionModel;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.ctc.train.CtcTrainer;
import dev.ductus.testsupport.SyntheticLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttentionTrainerTest {
    @TempDir
    static Path dir;
    static Path encoder;

    static final Map<String, String> DEFAULTS = Map.of("model", "conv=6:3x3,pool=2x2,blstm=16", "decoder", "8:32:16:4:5",
            "epochs", "40", "batch", "8", "lr", "0.01", "optimizer", "adam", "patience", "20", "augment", "false",
            "checkpoint.steps", "5", "progress.steps", "4");

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
    }

    private static TrainingRequest request(Path out, boolean resume, Map<String, String> options) {
        return request(64, out, resume, options);
    }

    private static TrainingRequest request(int lines, Path out, boolean resume, Map<String, String> options) {
        return new TrainingRequest(SyntheticLines.dataset("train", lines, 1), SyntheticLines.dataset("validation", 32, 2),
                out, resume, options);
    }

    /** A small trained CRNN: the encoder the attention models start from. */
    @BeforeAll
    static void trainEncoder() throws Exception {
        encoder = dir.resolve("crnn.model");
        new CtcTrainer("crnn", new PixelSetup(SyntheticLines.HEIGHT), null, Map.of("model", "conv=6:3x3,pool=2x2,blstm=16",
                "epochs", "12", "batch", "8", "lr", "0.01", "optimizer", "adam", "patience", "20", "augment", "false"))
                .train(request(encoder, false, Map.of()), new Events());
    }

    private static AttentionTrainer trainer() {
        return new AttentionTrainer(new PixelSetup(SyntheticLines.HEIGHT), null, DEFAULTS);
    }

    @Test
    void aDecoderOnATrainedEncoderLearnsToReadAndItsModelFileReadsLines() throws Exception {
        Path out = dir.resolve("att.model");
        Events events = new Events();
        // attention decoders need more lines than CTC to generalise: 256 here, against the CRNN's 64
        TrainingResult result = trainer().train(request(256, out, false, Map.of("encoder", encoder.toString(), "freeze.epochs", "4",
                "epochs", "30", "schedule", "exp:0.92")), events);
        assertTrue(result.metrics().get("cer") < 0.1, "validation CER " + result.metrics() + " " + events.messages
                + " " + AttentionModel.read(out, null, null).facts().get("curve"));
        AttentionModel model = AttentionModel.read(out, null, null);
        assertEquals(AttentionModel.SYSTEM, model.info().system());
        assertEquals("pixels:h=16", model.inputSpec());
        String curve = model.facts().get("curve");
        assertEquals(30, curve.split(" ").length, "every epoch in the learning curve: " + curve);
        assertEquals("crnn.model", model.facts().get("encoder"));
        AttentionBeamSearch greedy = new AttentionBeamSearch(AttentionBeamSearch.Settings.greedy());
        AttentionBeamSearch beam = new AttentionBeamSearch(AttentionBeamSearch.Settings.defaults());
        int right = 0;
        List<String> wrong = new ArrayList<>();
        for (String t : new String[] {"ca ab", "ab cab", "abc", "ca", "a b", "cab", "bb ac", "cba"}) {
            Hypothesis h = AttentionModelComponent.recognize(model, greedy, SyntheticLines.render(t, 1), null);
            if (!h.text().equals(t)) {
                wrong.add(t + " -> " + h.text());
                continue;
            }
            right++;
            assertEquals(t.length(), h.characters().size());
            // the attention walks left to right (a small model's peaks may stray a frame or two from the glyph)
            var chars = h.characters();
            if (chars.size() > 1) assertTrue(chars.get(chars.size() - 1).x0() > chars.get(0).x0(), "attention moves right: " + chars);
            assertEquals(t, AttentionModelComponent.recognize(model, beam, SyntheticLines.render(t, 1), null).text(), "beam search");
        }
        assertTrue(right >= 7, "lines read right: " + right + " of 8, wrong: " + wrong);
        // explain: one attention strip per emitted character under the line
        var explainer = new dev.ductus.attention.explain.AttentionExplainer();
        assertTrue(explainer.accepts(out));
        assertTrue(!explainer.accepts(encoder), "a CTC model is left to the CTC explainer");
        var page = explainer.explain(out, SyntheticLines.render("cab", 1), "cab", 2);
        assertEquals(AttentionModelComponent.recognize(model, greedy, SyntheticLines.render("cab", 1), null).text(), page.text());
        assertEquals(page.text().length(), page.html().split("<td class=\"sym\">", -1).length - 1, "a strip per character");
        assertTrue(page.html().contains("data:image/png;base64,"));
    }

    @Test
    void aKilledRunResumesFromItsCheckpoint() throws Exception {
        Path out = dir.resolve("resumed.model");
        Map<String, String> opts = Map.of("encoder", encoder.toString(), "freeze.epochs", "2", "epochs", "4");
        // a run stopped by its time budget after the first steps leaves a checkpoint behind
        trainer().train(request(out, false, Map.of("encoder", encoder.toString(), "freeze.epochs", "2", "epochs", "4",
                "max.minutes", "0.00001")), new Events());
        Path ckpt = AttentionTrainer.checkpointOf(out);
        assertTrue(Files.isRegularFile(ckpt));
        Map<String, String> state = new HashMap<>();
        AttentionModel.read(ckpt, null, state);
        assertEquals("1", state.get("train.epoch"), "the checkpoint is at the end of the first epoch: " + state);
        Events events = new Events();
        trainer().train(request(out, true, opts), events);
        assertTrue(events.messages.stream().anyMatch(m -> m.startsWith("resuming")), events.messages.toString());
        assertEquals(4, AttentionModel.read(out, null, null).facts().get("curve").split(" ").length);
    }

    @Test
    void unknownOptionsAndAnEncoderWithoutTheTextsSymbolsAreRefused() {
        InputException e = assertThrows(InputException.class, () -> trainer().train(request(dir.resolve("x.model"), false,
                Map.of("ctc.weigth", "0.5")), new Events()));
        assertTrue(e.getMessage().contains("did you mean 'ctc.weight'"), e.getMessage());
        var first = SyntheticLines.dataset("train", 4, 1).samples().get(0);
        var odd = new dev.ductus.api.data.Sample(first.id(), "zzz", first.source(), first.image());
        InputException missing = assertThrows(InputException.class, () -> trainer().train(new TrainingRequest(
                new dev.ductus.testsupport.ListDataset("odd", "train", List.of(odd)), null, dir.resolve("y.model"), false,
                Map.of("encoder", encoder.toString())), new Events()));
        assertTrue(missing.getMessage().contains("lacks 'z'"), missing.getMessage());
    }
}
