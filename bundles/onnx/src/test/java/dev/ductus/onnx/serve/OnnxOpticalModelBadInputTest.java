package dev.ductus.onnx.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.onnx.TinyModels;
import dev.ductus.onnx.export.OnnxExporter;
import dev.ductus.onnx.proto.OnnxGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that do not load, or whose declared shapes do not fit: one line naming the file, no stack trace needed. */
class OnnxOpticalModelBadInputTest {
    @TempDir
    Path dir;

    private static InputException refused(Path file, OnnxSettings settings) {
        InputException e = assertThrows(InputException.class, () -> OnnxOpticalModel.load(file, settings).close());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    private Path exported() throws Exception {
        Path f = dir.resolve("good.onnx");
        OnnxExporter.export(TinyModels.model("conv=4:3x3,pool=2x2,blstm=4,dense=CLASSES", 16, 2), "good.model", f);
        return f;
    }

    @Test
    void aTruncatedFile() throws Exception {
        byte[] all = Files.readAllBytes(exported());
        Path cut = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(all, all.length / 3));
        assertTrue(refused(cut, OnnxSettings.fromFile()).getMessage().contains("not an ONNX model onnxruntime can load"));
        Path text = Files.writeString(dir.resolve("text.onnx"), "this is not protobuf\n");
        refused(text, OnnxSettings.fromFile());
    }

    @Test
    void aMissingFile() {
        assertEquals(dir.resolve("none.onnx") + ": no such ONNX model file",
                refused(dir.resolve("none.onnx"), OnnxSettings.fromFile()).getMessage());
    }

    @Test
    void anInputOfTheWrongRank() throws Exception {
        // a valid graph reading N x 32 x W (no channel axis)
        OnnxGraph g = new OnnxGraph("rank3");
        g.input("x", "N", 32, "W");
        g.nodeWithOutput("Transpose", List.of("x"), "y", OnnxGraph.Attribute.ints("perm", 2, 0, 1));
        g.output("y", "W", "N", 32);
        Path f = Files.write(dir.resolve("rank3.onnx"), g.toModel("test", "1", ""));
        OnnxSettings s = new OnnxSettings(OnnxClasses.inline("abc", 0), 0, false, OnnxSettings.Output.LOGITS,
                OnnxSettings.Layout.TNC, "", 1);
        assertEquals(f + ": input 'x' is float ? x 32 x ?: expected float N x 1 x H x W (a batch of one-channel line images)",
                refused(f, s).getMessage());
    }

    @Test
    void aHeightOrClassCountThatDoesNotFit() throws Exception {
        Path f = exported();
        OnnxSettings wrongHeight = new OnnxSettings(null, 48, false, OnnxSettings.Output.LOGITS, OnnxSettings.Layout.TNC, "", 1);
        assertTrue(refused(f, wrongHeight).getMessage().contains("H = 16, but input.height is 48"));
        OnnxSettings wrongClasses = new OnnxSettings(OnnxClasses.inline("abc", 0), 0, false, OnnxSettings.Output.LOGITS,
                OnnxSettings.Layout.TNC, "", 1);
        assertEquals(f + ": output 'log_probs' has 10 classes; the alphabet has 3 symbols + blank = 4",
                refused(f, wrongClasses).getMessage());
    }

    @Test
    void aForeignFileWithoutAnAlphabet() throws Exception {
        OnnxGraph g = new OnnxGraph("plain");
        g.input("x", 1, 1, 8, "W");
        g.nodeWithOutput("Identity", List.of("x"), "y");
        g.output("y", 1, 1, 8, "W");
        Path f = Files.write(dir.resolve("plain.onnx"), g.toModel("test", "1", ""));
        assertTrue(refused(f, OnnxSettings.fromFile()).getMessage().contains("set alphabet or alphabet.path"));
    }
}
