package dev.ductus.pipeline.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineRegion;
import dev.ductus.api.image.LineSegmenter;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.pipeline.assembly.Stages.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's wiring on stages small enough to check by hand: an optical model that emits one CTC frame per
 * image column (dark column = 'a', light = blank) and a best-path decoder.
 */
class PipelineTest {
    private static final Alphabet AB = new Alphabet(List.of("a"));

    /** Column-wise "model": a column containing ink is symbol 'a', a white column is blank. */
    private static final OpticalModel COLUMNS = new OpticalModel() {
        @Override
        public ModelInfo info() {
            return new ModelInfo("columns", 1, AB, "pixels", 0, Map.of());
        }

        @Override
        public FrameScores score(GrayImage line) {
            float[] s = new float[line.width() * 2];
            for (int x = 0; x < line.width(); x++) {
                boolean ink = false;
                for (int y = 0; y < line.height(); y++) ink |= line.get(x, y) < 0.5f;
                s[2 * x] = (float) Math.log(ink ? 0.1 : 0.9);
                s[2 * x + 1] = (float) Math.log(ink ? 0.9 : 0.1);
            }
            return new FrameScores(ScoreKind.CTC_LOG_POSTERIOR, line.width(), 2, s, AB, null,
                    FrameScores.evenPositions(line.width(), line.width()), line.width());
        }
    };

    /** Best path: argmax per frame, collapse repeats, drop blanks. */
    private static final Decoder BEST_PATH = new Decoder() {
        @Override
        public boolean accepts(ScoreKind kind) {
            return kind == ScoreKind.CTC_LOG_POSTERIOR;
        }

        @Override
        public Hypothesis decode(FrameScores f, LanguageModel lm) {
            StringBuilder sb = new StringBuilder();
            List<CharSpan> spans = new ArrayList<>();
            int prev = 0;
            for (int t = 0; t < f.frames(); t++) {
                int k = f.get(t, 1) > f.get(t, 0) ? 1 : 0;
                if (k != 0 && k != prev) {
                    sb.append(f.alphabet().symbol(k - 1));
                    spans.add(new CharSpan("a", t, t + 1, t, t + 1, 0.9, 0));
                }
                prev = k;
            }
            return new Hypothesis(sb.toString(), 0, spans, null);
        }
    };

    private static GrayImage strokes(int... columns) {
        GrayImage white = GrayImage.blank(12, 3);
        float[] p = white.pixels().clone();
        for (int c : columns) for (int y = 0; y < 3; y++) p[y * 12 + c] = 0f;
        return new GrayImage(12, 3, p);
    }

    @Test
    void modelAndDecoderProduceText() {
        Stages stages = new Stages(null, null, new Stage<>("columns", COLUMNS), null, null,
                List.of(new Stage<>("best-path", BEST_PATH)), null);
        Hypothesis h = new Pipeline("t", false).run(stages, strokes(1, 2, 5, 9));
        assertEquals("aaa", h.text());
        assertEquals(3, h.characters().size());
        assertTrue(h.notes().toString().contains("columns"), h.notes().toString());
        assertTrue(h.notes().toString().contains("best-path"), h.notes().toString());
    }

    /** Results and the stage description name the language model's version, as they name the optical model's. */
    @Test
    void theLanguageModelsVersionIsInTheResultAndTheDescription() {
        LanguageModel lm = (LanguageModel) java.lang.reflect.Proxy.newProxyInstance(LanguageModel.class.getClassLoader(),
                new Class<?>[]{LanguageModel.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        StageSelection.Present present = new StageSelection.Present(List.of(), List.of(),
                List.of(new StageSelection.Candidate<>(COLUMNS, Map.of("ductus.name", "columns", "ductus.model.version", "columns@0123456789ab"))),
                List.of(), List.of(new StageSelection.Candidate<>(BEST_PATH, Map.of("ductus.name", "best-path"))),
                List.of(new StageSelection.Candidate<>(lm, Map.of("ductus.name", "char-6gram", "ductus.model.version", "char-6gram@ba9876543210"))));
        StageSelection.State state = StageSelection.select(new StageSelection.Filters("", "", "(ductus.name=columns)",
                "(ductus.name=best-path)", "(ductus.name=char-6gram)"), present, StageSelection.State.STARTING);
        assertTrue(state.ready(), state.status());
        assertEquals("model=columns decoder=best-path lm=char-6gram@ba9876543210", state.stages().describe());
        Hypothesis h = new Pipeline("t", false).run(state, strokes(1, 2, 5, 9));
        assertEquals("aaa", h.text());
        List<String> notes = h.notes().all().stream().map(n -> n.stage() + "=" + n.message()).toList();
        assertTrue(notes.contains("ductus.model.version=columns@0123456789ab"), notes.toString());
        assertTrue(notes.contains("ductus.lm.version=char-6gram@ba9876543210"), notes.toString());
    }

    @Test
    void aModelsRecordedCalibrationMapsTheConfidencesAndChangesNoText() {
        OpticalModel calibrated = new OpticalModel() {
            @Override
            public ModelInfo info() {
                return new ModelInfo("columns", 1, AB, "pixels", 0, Map.of("calibration.a", "0.5", "calibration.b", "0"));
            }

            @Override
            public FrameScores score(GrayImage line) {
                return COLUMNS.score(line);
            }
        };
        Stages plain = new Stages(null, null, new Stage<>("columns", COLUMNS), null, null,
                List.of(new Stage<>("best-path", BEST_PATH)), null);
        Stages withCalibration = new Stages(null, null, new Stage<>("columns", calibrated), null, null,
                List.of(new Stage<>("best-path", BEST_PATH)), null);
        Hypothesis raw = new Pipeline("t", false).run(plain, strokes(1, 5));
        Hypothesis h = new Pipeline("t", false).run(withCalibration, strokes(1, 5));
        assertEquals(raw.text(), h.text());
        // the decoder says 0.9: sigmoid(0.5 * logit(0.9)) = 0.75
        assertEquals(0.9, raw.characters().get(0).confidence(), 1e-12);
        assertEquals(0.75, h.characters().get(0).confidence(), 1e-9);
    }

    @Test
    void preprocessorRunsBeforeTheModel() {
        Preprocessor invert = (img, notes) -> {
            float[] p = img.pixels().clone();
            for (int i = 0; i < p.length; i++) p[i] = 1f - p[i];
            notes.add("invert", "inverted");
            return img.derive(img.width(), img.height(), p);
        };
        Stages stages = new Stages(new Stage<>("invert", invert), null, new Stage<>("columns", COLUMNS), null,
                new Stage<>("best-path", BEST_PATH), List.of(), null);
        // inverted: every column but 0 and 11 has ink -> one long run
        Hypothesis h = new Pipeline("t", false).run(stages, strokes(0, 11));
        assertEquals("a", h.text());
        assertEquals("invert", h.notes().all().get(0).stage());
    }

    @Test
    void preprocessingOnlyPipelineReturnsEmptyTextWithNotes() {
        Preprocessor mark = (img, notes) -> {
            notes.add("mark", "looked at " + img.width() + "x" + img.height());
            return img;
        };
        Stages stages = new Stages(new Stage<>("mark", mark), null, null, null, null, List.of(), null);
        Hypothesis h = new Pipeline("pre", false).run(stages, strokes(3));
        assertEquals("", h.text());
        assertTrue(h.notes().toString().contains("looked at 12x3"));
        assertEquals("preprocessor=mark (preprocessing only)", stages.describe());
    }

    @Test
    void paragraphsAreSegmentedAndJoinedByNewlines() {
        LineSegmenter halves = (page, notes) -> {
            int h = page.height() / 2;
            List<LineRegion> out = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                float[] p = new float[page.width() * h];
                System.arraycopy(page.pixels(), i * h * page.width(), p, 0, p.length);
                out.add(new LineRegion(i, new Box(0, i * h, page.width(), h), page.derive(page.width(), h, p)));
            }
            return out;
        };
        float[] p = new float[12 * 6];
        java.util.Arrays.fill(p, 1f);
        p[1] = 0f; // line 0: one stroke at column 1
        p[3 * 12 + 4] = 0f; // line 1: strokes at columns 4 and 8
        p[3 * 12 + 8] = 0f;
        Stages stages = new Stages(null, new Stage<>("halves", halves), new Stage<>("columns", COLUMNS), null,
                new Stage<>("best-path", BEST_PATH), List.of(), null);
        Hypothesis h = new Pipeline("para", true).run(stages, new GrayImage(12, 6, p));
        assertEquals("a\naa", h.text());
        assertEquals(1, h.characters().get(2).line());
        assertEquals(List.of(new Box(0, 0, 12, 3), new Box(0, 3, 12, 3)), h.lines());
    }

    /** Issue 14: each line's placement is its preprocessed image's map: the segmenter's offset, then the crop. */
    @Test
    void eachLineIsPlacedOnThePageThroughItsPreprocessing() {
        LineSegmenter halves = (page, notes) -> {
            int h = page.height() / 2;
            List<LineRegion> out = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                float[] p = new float[page.width() * h];
                System.arraycopy(page.pixels(), i * h * page.width(), p, 0, p.length);
                out.add(new LineRegion(i, new Box(0, i * h, page.width(), h), page.derive(page.width(), h, p)
                        .withPixelMap(page.pixelMap().translate(0, i * h))));
            }
            return out;
        };
        // drops the first two columns, as a crop would
        Preprocessor crop = (img, notes) -> {
            int w = img.width() - 2;
            float[] p = new float[w * img.height()];
            for (int y = 0; y < img.height(); y++) System.arraycopy(img.pixels(), y * img.width() + 2, p, y * w, w);
            return img.derive(w, img.height(), p).withPixelMap(img.pixelMap().translate(2, 0));
        };
        float[] p = new float[12 * 6];
        java.util.Arrays.fill(p, 1f);
        p[3] = 0f; // line 0: a stroke at page column 3
        p[3 * 12 + 9] = 0f; // line 1: a stroke at page column 9
        Stages stages = new Stages(new Stage<>("crop", crop), new Stage<>("halves", halves),
                new Stage<>("columns", COLUMNS), null, new Stage<>("best-path", BEST_PATH), List.of(), null);
        Hypothesis h = new Pipeline("para", true).run(stages, new GrayImage(12, 6, p));
        assertEquals("a\na", h.text());
        assertEquals(2, h.placements().size());
        CharSpan second = h.characters().get(1);
        assertEquals(1, second.line());
        double[][] poly = h.placement(second.line()).columns(second.x0(), second.x1());
        assertEquals(9, poly[0][0], 1e-12);
        assertEquals(3, poly[0][1], 1e-12);
        assertEquals(10, poly[2][0], 1e-12);
        assertEquals(6, poly[2][1], 1e-12);
        CharSpan first = h.characters().get(0);
        assertEquals(3, h.placement(0).columns(first.x0(), first.x1())[0][0], 1e-12);
        // a single line is placed too; the identity when nothing moved its pixels
        Hypothesis one = new Pipeline("t", false).run(new Stages(null, null, new Stage<>("columns", COLUMNS), null,
                null, List.of(new Stage<>("best-path", BEST_PATH)), null), strokes(5));
        assertTrue(one.placement(0).map().isIdentity());
        assertEquals(12, one.placement(0).width());
    }

    @Test
    void noDecoderForTheScoresIsAClearError() {
        Decoder hmmOnly = new Decoder() {
            @Override
            public boolean accepts(ScoreKind kind) {
                return kind == ScoreKind.HMM_STATE_LOG_LIKELIHOOD;
            }

            @Override
            public Hypothesis decode(FrameScores scores, LanguageModel lm) {
                throw new AssertionError("must not be called");
            }
        };
        Stages stages = new Stages(null, null, new Stage<>("columns", COLUMNS), null, null,
                List.of(new Stage<>("hmm", hmmOnly)), null);
        InputException e = assertThrows(InputException.class, () -> new Pipeline("p", false).run(stages, strokes(1)));
        assertTrue(e.getMessage().contains("no decoder available for CTC_LOG_POSTERIOR"), e.getMessage());
    }
}
