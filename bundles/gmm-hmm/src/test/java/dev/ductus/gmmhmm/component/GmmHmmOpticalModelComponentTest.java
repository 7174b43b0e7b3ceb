package dev.ductus.gmmhmm.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
import dev.ductus.gmmhmm.model.ModelFixtures;
import dev.ductus.testsupport.RenderedLines;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmmHmmOpticalModelComponentTest {
    @TempDir
    Path dir;

    private static GmmHmmOpticalModelComponent.Config config(String path, String spec) {
        return new GmmHmmOpticalModelComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return GmmHmmOpticalModelComponent.Config.class;
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
            public String features_spec() {
                return spec;
            }
        };
    }

    private Path write(String name, GmmHmmModel model) throws Exception {
        Path p = dir.resolve(name);
        GmmHmmModelFile.write(p, model);
        return p;
    }

    @Test
    void scoresWithTheConfiguredModelAndSwapsOnANewPath() throws Exception {
        Path first = write("a.gmmhmm", ModelFixtures.random("handcrafted:w=3,s=3,deltas=0", 57, 1)
                .withFacts(Map.of("id", "a")));
        Path second = write("b.gmmhmm", ModelFixtures.random("handcrafted:w=3,s=3,deltas=0", 57, 2)
                .withFacts(Map.of("id", "b")));
        GmmHmmOpticalModelComponent c = new GmmHmmOpticalModelComponent();
        c.activate(null, config(first.toString(), ""), Map.of());
        assertEquals("a", c.info().facts().get("id"));
        FrameScores s = c.score(RenderedLines.render("ab", "DejaVu Sans", 18, 0));
        assertEquals(ScoreKind.HMM_STATE_LOG_LIKELIHOOD, s.kind());
        assertEquals(c.info().alphabet(), s.alphabet());

        c.modified(config(second.toString(), ""), Map.of());
        assertEquals("b", c.info().facts().get("id"));

        // a broken file is logged and the old model keeps serving
        Path broken = dir.resolve("broken.gmmhmm");
        Files.write(broken, new byte[] {'D', 'U', 'C', 'T'});
        c.modified(config(broken.toString(), ""), Map.of());
        assertEquals("b", c.info().facts().get("id"));

        // a model trained on other features than the configuration asks for is refused
        c.modified(config(first.toString(), "pixels:w=4,s=2,h=32"), Map.of());
        assertEquals("b", c.info().facts().get("id"));
        c.deactivate();
    }

    @Test
    void aMissingOrMismatchedModelIsNamedAndNothingIsServedUntilOneLoads() throws Exception {
        Path model = write("a.gmmhmm", ModelFixtures.random("handcrafted:w=3,s=3,deltas=0", 57, 1));
        GmmHmmOpticalModelComponent c = new GmmHmmOpticalModelComponent();
        c.activate(null, config(dir.resolve("none").toString(), ""), Map.of());
        assertFalse(c.serving());
        InputException e = assertThrows(InputException.class,
                () -> GmmHmmOpticalModelComponent.load(dir.resolve("none"), ""));
        assertTrue(e.getMessage().contains("none"));
        e = assertThrows(InputException.class,
                () -> GmmHmmOpticalModelComponent.load(model, "handcrafted:w=3,s=3,deltas=1"));
        assertTrue(e.getMessage().contains("handcrafted:w=3,s=3,deltas=0"), e.getMessage());
        c.modified(config(model.toString(), "handcrafted:w=3,s=3,deltas=1"), Map.of());
        assertFalse(c.serving());
        // an equivalent spelling of the same spec is accepted, and the component starts serving
        c.modified(config(model.toString(), "handcrafted:deltas=0"), Map.of());
        assertTrue(c.serving());
        assertEquals("handcrafted:w=3,s=3,deltas=0", c.info().inputSpec());
        c.deactivate();
    }
}
