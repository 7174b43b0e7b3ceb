package dev.ductus.itests;

import dev.ductus.api.Notes;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.model.ScoreKind;
import java.util.List;
import java.util.Map;

/**
 * Stages whose output names them, so a test can tell which stage served a request: a preprocessor that notes
 * its tag, an optical model whose single frame says its tag, and a best-path decoder.
 */
final class TestStages {
    static final Alphabet TAGS = new Alphabet(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"));

    private TestStages() {
    }

    static Preprocessor preprocessor(String tag) {
        return (GrayImage image, Notes notes) -> {
            notes.add("pre", tag);
            return image;
        };
    }

    /** A model whose only frame puts all mass on its tag; sleeps so requests overlap with swaps. */
    static OpticalModel model(String tag, long sleepMillis) {
        int k = TAGS.indexOf(tag) + 1;
        return new OpticalModel() {
            @Override
            public ModelInfo info() {
                return new ModelInfo("test", 1, TAGS, "pixels", 0, Map.of());
            }

            @Override
            public FrameScores score(GrayImage line) {
                if (sleepMillis > 0) {
                    try {
                        Thread.sleep(sleepMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                float[] s = new float[TAGS.size() + 1];
                java.util.Arrays.fill(s, -20f);
                s[k] = 0f;
                return new FrameScores(ScoreKind.CTC_LOG_POSTERIOR, 1, s.length, s, TAGS, null, new float[] {0.5f}, line.width());
            }
        };
    }

    static Decoder bestPath() {
        return new Decoder() {
            @Override
            public boolean accepts(ScoreKind kind) {
                return kind == ScoreKind.CTC_LOG_POSTERIOR;
            }

            @Override
            public Hypothesis decode(FrameScores f, LanguageModel lm) {
                StringBuilder sb = new StringBuilder();
                List<CharSpan> spans = new java.util.ArrayList<>();
                for (int t = 0; t < f.frames(); t++) {
                    int best = 0;
                    for (int k = 1; k < f.classes(); k++) if (f.get(t, k) > f.get(t, best)) best = k;
                    if (best > 0) {
                        sb.append(f.alphabet().symbol(best - 1));
                        spans.add(new CharSpan(f.alphabet().symbol(best - 1), 0, 1, t, t + 1, 1.0, 0));
                    }
                }
                return new Hypothesis(sb.toString(), 0, spans, null);
            }
        };
    }

    static GrayImage image() {
        return GrayImage.blank(8, 4);
    }
}
