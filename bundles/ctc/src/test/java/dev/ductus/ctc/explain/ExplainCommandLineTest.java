package dev.ductus.ctc.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.spec.ModelSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The explain verb on a small MDLSTM-CTC model: the page's parts, its numbers, and its errors. */
class ExplainCommandLineTest {
    @TempDir
    Path dir;

    private Path model(String spec, String input) throws Exception {
        Alphabet a = new Alphabet(List.of(" ", "a", "b"));
        Shape shape = input.startsWith("pixels") ? new Shape(16, 1) : new Shape(1, 4);
        Network net = new NetworkBuilder(DataType.FLOAT, 5).build(shape, ModelSpec.parse(spec + ",dense=" + (a.size() + 1)));
        Path file = dir.resolve(input.replace(":", "-").replace("=", "") + "-" + Integer.toHexString(spec.hashCode()) + ".model");
        boolean pixels = input.startsWith("pixels");
        new CtcModel("mdlstm-ctc", a, input, pixels ? null : new float[4], pixels ? null : new float[] {1, 1, 1, 1}, net, Map.of())
                .write(file, null, Map.of());
        return file;
    }

    private static GrayImage line() {
        int w = 70;
        int h = 20;
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) p[y * w + x] = (x / 7) % 2 == 0 && y > 4 && y < 16 ? 0f : 1f;
        return new GrayImage(w, h, p, null, "line.png");
    }

    /** The stages of a pipeline "mdlstm" with the given model file; records what was asked of it. */
    private static final class Stages implements ExplainCommandLine.Environment {
        final Path model;
        final List<String> calls = new ArrayList<>();

        Stages(Path model) {
            this.model = model;
        }

        @Override
        public GrayImage read(Path image) {
            calls.add("read " + image);
            return line();
        }

        @Override
        public Path modelFile(String pipeline) {
            if (!pipeline.equals("mdlstm")) throw new InputException("pipeline " + pipeline, "no such pipeline");
            return model;
        }

        @Override
        public String preprocessorOf(String pipeline) {
            return "default";
        }

        @Override
        public Preprocessor preprocessor(String name) {
            calls.add("preprocessor " + name);
            return (im, notes) -> im;
        }

        @Override
        public String recognize(String pipeline, GrayImage image) {
            calls.add("recognize " + pipeline);
            return "ab ba";
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(ExplainCommandLine.Environment env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ExplainCommandLine(env).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pageShowsTheLinePosteriorsTextsAndFeatureMaps() throws Exception {
        Path m = model("block=2x2,mdlstm=2,conv=3:2x4:s=2x4:tanh,mdlstm=3,collapse", "pixels:h=16");
        Stages env = new Stages(m);
        Path html = dir.resolve("out.html");
        Run r = run(env, "--pipeline", "mdlstm", "--maps", "2", "line.png", "-o", html.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("read line.png", "preprocessor default", "recognize mdlstm"), env.calls);
        String page = Files.readString(html);
        assertTrue(page.contains("ab ba") && page.contains("best path"), "both texts");
        assertTrue(page.contains("<h2>mdlstm=2: 8 x 28 cells, 8 channels</h2>"), "first layer: 16 rows and 56 columns halved");
        assertTrue(page.contains("<h2>mdlstm=3: 4 x 7 cells, 12 channels</h2>"), "second layer: (8 - 2) / 2 + 1 rows, (28 - 4) / 4 + 1 columns");
        assertTrue(page.contains("direction tl (scanning down and right), cell"), "maps named by direction and cell");
        List<String> pngs = new ArrayList<>();
        Matcher png = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(page);
        while (png.find()) pngs.add(png.group(1));
        assertEquals(1 + 2 + 2, pngs.size(), "the line and two maps per layer");
        var first = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(pngs.get(0))));
        assertEquals(56, first.getWidth(), "the line scaled to 16 rows: 70 * 16 / 20");
        assertEquals(16, first.getHeight());
        assertTrue(page.contains("<svg") && page.contains("width=\"112\""), "the chart spans the zoomed line (56 x 2)");
        assertTrue(r.out().startsWith("wrote " + html));
    }

    @Test
    void explanationPosteriorsAreWhatTheModelGivesTheDecoder() throws Exception {
        Path m = model("block=2x2,mdlstm=2,conv=3:2x4:s=2x4:tanh,mdlstm=3,collapse", "pixels:h=16");
        CtcModel model = CtcModel.read(m, null, null);
        LineExplanation e = new LineExplainer(model, m.toString()).explain(line(), null);
        FrameScores served = model.score(List.of(new PixelSetup(0).restore(model.inputSpec(), null, null).encode(line()))).get(0);
        FrameScores p = e.posteriors();
        assertEquals(served.frames(), p.frames());
        for (int t = 0; t < p.frames(); t++) {
            double sum = 0;
            for (int k = 0; k < p.classes(); k++) {
                assertEquals(served.get(t, k), p.get(t, k), 1e-5, "frame " + t + " class " + k);
                sum += Math.exp(p.get(t, k));
            }
            assertEquals(1, sum, 1e-5);
        }
        assertEquals(2, e.maps().size());
        assertEquals(7, new PosteriorChart(0).rows(p).size() + 3, "blank + 3 symbols at threshold 0");
    }

    @Test
    void usageAndInputErrors() throws Exception {
        Path m = model("block=2x2,mdlstm=2,collapse", "pixels:h=16");
        Stages env = new Stages(m);
        assertEquals(2, run(env, "line.png").status(), "neither pipeline nor model");
        assertEquals(2, run(env, "--pipeline", "mdlstm").status(), "no image");
        assertEquals(2, run(env, "--model", m.toString(), "--maps", "x", "line.png").status());
        Run missing = run(env, "--pipeline", "other", "line.png", "-o", dir.resolve("x.html").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("pipeline other: no such pipeline"), missing.err());
        Path features = model("blstm=4", "bands:4");
        Run r = run(new Stages(features), "--model", features.toString(), "line.png", "-o", dir.resolve("y.html").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("reads 'bands:4'"), r.err());
        Run noPre = run(env, "--model", m.toString(), "--preprocessor", "none", "line.png", "-o", dir.resolve("z.html").toString());
        assertEquals(0, noPre.status(), noPre.err() + noPre.out());
        assertTrue(noPre.out().contains("preprocessor none"));
    }
}
