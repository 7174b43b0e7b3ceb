package dev.ductus.ctc.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Notes;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.recognize.Recognizer;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.spec.ModelSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The explain verb finds its model through the services: the pipeline's description names the optical model and the
 * preprocessor, and the optical model's {@code model.path} property names the file.
 */
class ExplainCommandComponentTest {
    @TempDir
    Path dir;

    @Test
    void findsThePipelinesModelFileAndPreprocessor() throws Exception {
        Alphabet a = new Alphabet(List.of("a", "b"));
        Network net = new NetworkBuilder(DataType.FLOAT, 2).build(new Shape(16, 1), ModelSpec.parse("block=2x2,mdlstm=2,collapse,dense=3"));
        Path file = dir.resolve("mdlstm.model");
        new CtcModel("mdlstm-ctc", a, "pixels:h=16", null, null, net, Map.of()).write(file, null, Map.of());
        GrayImage line = GrayImage.blank(60, 16);
        int[] preprocessed = {0};

        ExplainCommandComponent c = new ExplainCommandComponent();
        c.loader = new ImageLoader() {
            @Override
            public List<GrayImage> read(Path f) {
                return List.of(line);
            }

            @Override
            public void writePng(GrayImage image, Path f) {
                throw new UnsupportedOperationException("not used by explain");
            }
        };
        c.addRecognizer(new Recognizer() {
            @Override
            public String name() {
                return "mdlstm";
            }

            @Override
            public String describe() {
                return "preprocessor=default model=mdlstm-cursive decoder=ctc-beam lm=hybrid";
            }

            @Override
            public boolean paragraphs() {
                return false;
            }

            @Override
            public Hypothesis recognize(GrayImage image) {
                return new Hypothesis("ab", 0, List.of(), new Notes());
            }
        }, Map.of("ductus.name", "mdlstm", "ductus.ready", true));
        c.addModel(new OpticalModel() {
            @Override
            public ModelInfo info() {
                return new ModelInfo("mdlstm-ctc", 1, a, "pixels:h=16", 0, Map.of());
            }

            @Override
            public FrameScores score(GrayImage l) {
                throw new UnsupportedOperationException("explain reads the model file itself");
            }
        }, Map.of("ductus.name", "mdlstm-cursive", "model.path", file.toString()));
        Preprocessor pre = (im, notes) -> {
            preprocessed[0]++;
            return im;
        };
        c.addPreprocessor(pre, Map.of("ductus.name", "default", "ductus.stage", "preprocessor"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path html = dir.resolve("page.html");
        int status = c.run(List.of("--pipeline", "mdlstm", "line.png", "-o", html.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertEquals(1, preprocessed[0], "the pipeline's preprocessor ran");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("model " + file), out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(html).contains("<dd>ab</dd>"), "the pipeline's text is on the page");

        c.removePreprocessor(pre);
        status = c.run(List.of("--pipeline", "mdlstm", "line.png", "-o", html.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("preprocessor default: not registered"), err.toString(StandardCharsets.UTF_8));
    }
}
