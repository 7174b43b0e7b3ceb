package dev.ductus.attention.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.attention.model.ParagraphModel;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.ctc.train.CtcTrainer;
import dev.ductus.testsupport.ListDataset;
import dev.ductus.testsupport.SyntheticLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A paragraph reader on pages of stacked synthetic lines, from a small MDLSTM-CTC line model. */
class ParagraphTrainerTest {
    @TempDir
    static Path dir;
    static Path encoder;

    static final TrainingListener QUIET = new TrainingListener() {
        @Override
        public void progress(TrainingProgress event) {
        }

        @Override
        public void message(String text) {
        }
    };

    @BeforeAll
    static void trainLineModel() throws Exception {
        encoder = dir.resolve("mdlstm.model");
        new CtcTrainer("mdlstm-ctc", new PixelSetup(SyntheticLines.HEIGHT), null, Map.of("model", "block=2x2,mdlstm=4,collapse",
                "epochs", "12", "batch", "8", "lr", "0.01", "optimizer", "adam", "patience", "20", "augment", "false"))
                .train(new TrainingRequest(SyntheticLines.dataset("train", 64, 1), SyntheticLines.dataset("validation", 16, 2),
                        encoder, false, Map.of()), QUIET);
    }

    /** Pages of 1-3 synthetic lines stacked with 4 white rows between, with their line boxes. */
    static Dataset pages(String split, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sample> lines = SyntheticLines.dataset(split, n * 3, seed).samples();
        List<Sample> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < n; i++) {
            int count = 1 + rnd.nextInt(3);
            List<GrayImage> ims = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                Sample s = lines.get(next++);
                ims.add(s.loadImage());
                texts.add(s.text());
            }
            int w = ims.stream().mapToInt(GrayImage::width).max().orElse(1) + 4;
            int h = count * (SyntheticLines.HEIGHT + 4) + 4;
            float[] p = new float[w * h];
            Arrays.fill(p, 1f);
            List<Box> boxes = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                GrayImage im = ims.get(k);
                int y0 = 4 + k * (SyntheticLines.HEIGHT + 4);
                for (int y = 0; y < im.height(); y++) System.arraycopy(im.pixels(), y * im.width(), p, (y0 + y) * w + 2, im.width());
                boxes.add(new Box(2, y0, im.width(), im.height()));
            }
            GrayImage page = new GrayImage(w, h, p);
            out.add(new Sample(split + "-" + i, String.join("\n", texts), "pages:" + split + "-" + i, () -> page, boxes));
        }
        return new ListDataset("pages", split, out);
    }

    @Test
    void learnsToReadPagesWithoutLineSegmentation() throws Exception {
        Path out = dir.resolve("para.model");
        List<String> messages = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void progress(TrainingProgress event) {
            }

            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        ParagraphTrainer trainer = new ParagraphTrainer(Map.of("model", "unused", "epochs", "40", "batch", "4", "lr", "0.01",
                "optimizer", "adam", "patience", "20", "attention", "8:4:9x3", "line.height", "16"));
        TrainingResult r = trainer.train(new TrainingRequest(pages("train", 96, 1), pages("validation", 16, 2), out, false,
                Map.of("encoder", encoder.toString(), "freeze.epochs", "4")), listener);
        ParagraphModel model = ParagraphModel.read(out, null, null);
        assertTrue(r.metrics().get("cer") < 0.1, r.metrics() + " " + messages + " " + model.facts().get("curve"));
        assertEquals(1.0, model.scale(), 1e-9, "the scale from the line boxes: 16 px lines at line.height 16");
        assertEquals(5, model.maxLines(), "the most lines of a training page + 2");
        Dataset test = pages("test", 10, 3);
        int right = 0;
        for (Sample s : test.samples()) {
            ParagraphModel.Reading reading = model.read(s.loadImage(), null, null);
            if (reading.hypothesis().text().equals(s.text())) right++;
            assertEquals(reading.hypothesis().text().split("\n").length, reading.maps().size(), "one attention map per line read");
        }
        assertTrue(right >= 7, right + " of 10 pages read exactly");
        var explainer = new dev.ductus.attention.explain.AttentionExplainer();
        assertTrue(explainer.accepts(out));
        Sample first = test.samples().get(0);
        var page = explainer.explain(out, first.loadImage(), null, 2);
        int lines = page.text().split("\n").length;
        assertEquals(lines, page.html().split("class=\"px over\"", -1).length - 1, "an attention overlay per line read");
    }

    @Test
    void theGuideTeachesEachLineStepToLookAtItsLine() throws Exception {
        // three epochs with the encoder frozen: without the guide about 0.55 of each line step's attention is on its
        // line (the attention has not found the lines yet), with it about 0.82
        Path out = dir.resolve("guided.model");
        ParagraphTrainer trainer = new ParagraphTrainer(Map.of("model", "unused", "epochs", "3", "batch", "4", "lr", "0.01",
                "optimizer", "adam", "patience", "20", "attention", "16:4:21x5", "line.height", "16"));
        trainer.train(new TrainingRequest(pages("train", 64, 1), null, out, false,
                Map.of("encoder", encoder.toString(), "freeze.epochs", "3", "guide", "10")), QUIET);
        ParagraphModel model = ParagraphModel.read(out, null, null);
        assertEquals("10.0", model.facts().get("guide"), model.facts().toString());
        double inside = 0;
        int steps = 0;
        for (Sample s : pages("test", 8, 3).samples()) {
            GrayImage im = s.loadImage();
            ParagraphModel.Reading reading = model.read(im, null, null);
            double fy = reading.mapHeight() / (double) im.height();
            List<Box> boxes = s.lineBoxes();
            for (int i = 0; i < Math.min(boxes.size(), reading.maps().size()); i++) {
                // the share of step i's attention on the rows nearer line i's box than any other line's
                double[] a = reading.maps().get(i);
                double mass = 0;
                for (int y = 0; y < reading.mapHeight(); y++) {
                    double py = (y + 0.5) / fy;
                    int nearest = 0;
                    for (int k = 1; k < boxes.size(); k++) if (distance(boxes.get(k), py) < distance(boxes.get(nearest), py)) nearest = k;
                    if (nearest != i) continue;
                    for (int x = 0; x < reading.mapWidth(); x++) mass += a[y * reading.mapWidth() + x];
                }
                inside += mass / reading.mapWidth();
                steps++;
            }
        }
        assertTrue(steps >= 8, steps + " line steps");
        assertTrue(inside / steps > 0.7, "mean share of a line step's attention on its line " + inside / steps);
    }

    private static double distance(Box b, double y) {
        return y < b.y() ? b.y() - y : Math.max(0, y - (b.y() + b.height()));
    }

    @Test
    void aPageModelNeedsALineModelWithACollapse() throws Exception {
        Path crnn = dir.resolve("crnn.model");
        new CtcTrainer("crnn", new PixelSetup(SyntheticLines.HEIGHT), null, Map.of("model", "conv=4:3x3,pool=2x2,blstm=8",
                "epochs", "1", "batch", "8", "lr", "0.01", "optimizer", "adam", "patience", "20", "augment", "false"))
                .train(new TrainingRequest(SyntheticLines.dataset("train", 16, 1), null, crnn, false, Map.of()), QUIET);
        ParagraphTrainer trainer = new ParagraphTrainer(Map.of("model", "unused", "epochs", "1", "batch", "4", "lr", "0.01", "optimizer", "adam"));
        InputException e = assertThrows(InputException.class, () -> trainer.train(new TrainingRequest(pages("train", 4, 1), null,
                dir.resolve("x.model"), false, Map.of("encoder", crnn.toString())), QUIET));
        assertTrue(e.getMessage().contains("collapse"), e.getMessage());
        InputException none = assertThrows(InputException.class, () -> trainer.train(new TrainingRequest(pages("train", 4, 1), null,
                dir.resolve("y.model"), false, Map.of()), QUIET));
        assertTrue(none.getMessage().contains("encoder"), none.getMessage());
        InputException alone = assertThrows(InputException.class, () -> trainer.train(new TrainingRequest(pages("train", 4, 1), null,
                dir.resolve("z.model"), false, Map.of("encoder", encoder.toString(), "guide.only.epochs", "1")), QUIET));
        assertTrue(alone.getMessage().contains("guide.only.epochs") && alone.getMessage().contains("guide > 0"), alone.getMessage());
    }
}
