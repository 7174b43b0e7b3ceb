package dev.ductus.hybrid.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.hmm.decode.DecoderSettings;
import dev.ductus.hmm.decode.TokenPassingDecoder;
import dev.ductus.hybrid.model.HybridModel;
import dev.ductus.hybrid.model.HybridModelFile;
import dev.ductus.hybrid.TestModels;
import dev.ductus.testsupport.RenderedLines;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridOpticalModelComponentTest {
    @TempDir
    Path dir;

    static HybridOpticalModelComponent.Config config(String path, double exponent, double scale) {
        return new HybridOpticalModelComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HybridOpticalModelComponent.Config.class;
            }

            @Override
            public String ductus_name() {
                return "test";
            }

            @Override
            public String model_path() {
                return path;
            }

            @Override
            public double prior_exponent() {
                return exponent;
            }

            @Override
            public double optical_scale() {
                return scale;
            }
        };
    }

    private Path write(String name, HybridModel model) throws Exception {
        Path p = dir.resolve(name);
        HybridModelFile.write(p, model);
        return p;
    }

    @Test
    void scoresForTheHmmDecoderAndSwapsOnANewPathKeepingTheOldOnFailure() throws Exception {
        Path first = write("a.model", TestModels.model(HybridModel.MLP_HMM, "window=1,dense=8:relu", 1, Map.of("id", "a")));
        Path second = write("b.model", TestModels.model(HybridModel.RNN_HMM, "blstm=4", 2, Map.of("id", "b")));
        HybridOpticalModelComponent c = new HybridOpticalModelComponent();
        c.activate(null, config(first.toString(), -1, 1), Map.of());
        assertEquals("a", c.info().facts().get("id"));
        assertEquals(0.7, c.scaling().priorExponent());
        FrameScores s = c.score(RenderedLines.render("abc", 18, 0));
        assertEquals(ScoreKind.HMM_STATE_LOG_LIKELIHOOD, s.kind());
        assertNotNull(s.hmm());
        assertEquals(s.hmm().totalStates(), s.classes());
        // the HMM decoder behind the pipelines' decoder stage reads them
        assertNotNull(new TokenPassingDecoder(DecoderSettings.defaults()).decode(s, null).text());

        c.modified(config(second.toString(), -1, 1), Map.of());
        assertEquals("b", c.info().facts().get("id"));
        assertEquals("rnn-hmm", c.info().system());

        // a broken file is logged and the old model keeps serving
        Path broken = Files.write(dir.resolve("broken.model"), new byte[] {'D', 'U', 'C', 'T'});
        c.modified(config(broken.toString(), -1, 1), Map.of());
        assertEquals("b", c.info().facts().get("id"));
        c.modified(config(dir.resolve("missing.model").toString(), -1, 1), Map.of());
        assertEquals("b", c.info().facts().get("id"));

        // scaling changes apply; a bad one is refused and the old scaling stays
        FrameScores before = c.score(RenderedLines.render("abc", 18, 0));
        c.modified(config(second.toString(), 0.25, 2.0), Map.of());
        assertEquals(0.25, c.scaling().priorExponent());
        assertEquals(2.0, c.scaling().scale());
        FrameScores after = c.score(RenderedLines.render("abc", 18, 0));
        assertEquals(before.frames(), after.frames());
        c.modified(config(second.toString(), 0.25, 0), Map.of());
        assertEquals(2.0, c.scaling().scale());
        c.deactivate();
    }

    @Test
    void aMissingModelServesNothingAndSaysItIsNotReady() {
        HybridOpticalModelComponent c = new HybridOpticalModelComponent();
        c.activate(null, config(dir.resolve("none").toString(), -1, 1), Map.of());
        assertFalse(c.serving());
        IllegalStateException e = assertThrows(IllegalStateException.class, c::info);
        assertTrue(e.getMessage().contains("not ready") && e.getMessage().contains("none"), e.getMessage());
        c.deactivate();
    }
}
