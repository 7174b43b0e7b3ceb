package dev.ductus.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.FrameScores;
import dev.ductus.ctc.decode.BestPathDecoder;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.ctc.model.CtcOpticalModel;
import dev.ductus.onnx.TinyModels;
import dev.ductus.onnx.serve.OnnxOpticalModel;
import dev.ductus.onnx.serve.OnnxSettings;
import dev.ductus.testsupport.RenderedLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Ductus CTC model exported to ONNX and run by onnxruntime scores as the model's own forward pass does. */
class OnnxExporterTest {
    static final String CRNN = "conv=4:3x3,pool=2x2,conv=6:3x3,pool=2x2,conv=8:3x3,blstm=6,blstm=5,dense=CLASSES";

    @TempDir
    Path dir;

    private static CtcOpticalModel ductus(CtcModel m) {
        return new CtcOpticalModel(m, new PixelSetup(0).restore(m.inputSpec(), null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {CRNN,
            // the other exportable layers: strided tanh conv, strided pool, relu, dense and norm on a map, collapse,
            // a one-way LSTM, dropout, sigmoid, log-softmax in the network
            "conv=5:3x3:s=2x2:tanh,pool=2x2:s=1x1,act=relu,dense=6:sigmoid,norm,collapse,lstm=7,dropout=0.3,dense=8:leaky,dense=CLASSES,logsoftmax",
            "conv=4:5x3:relu,pool=2x1,conv=4:3x3:linear,columns,dense=7:tanh,norm,blstm=4,dense=CLASSES"})
    void posteriorsMatchTheDuctusForwardPass(String spec) throws Exception {
        CtcModel m = TinyModels.model(spec, 16, 11);
        Path onnx = dir.resolve("tiny.onnx");
        OnnxExporter.export(m, "tiny.model", onnx);
        try (OnnxOpticalModel exported = OnnxOpticalModel.load(onnx, OnnxSettings.fromFile())) {
            assertEquals(m.alphabet(), exported.info().alphabet(), "the alphabet travels in the file");
            assertEquals("pixels", exported.info().facts().get("chain"));
            assertEquals(m.network().parameterCount(), exported.info().parameters());
            // odd widths: the pooling floors, the padding of the Ductus batch must not show
            for (int width : new int[] {77, 128, 33}) {
                GrayImage line = ExportCheck.line(16, width, width);
                FrameScores a = ductus(m).score(line);
                FrameScores b = exported.score(line);
                assertEquals(a.frames(), b.frames(), "frames at width " + width);
                double diff = ExportCheck.maxDifference(a, b);
                assertTrue(diff < 1e-4, spec + " at width " + width + ": max difference " + diff);
                assertEquals(java.util.Arrays.toString(a.frameX()), java.util.Arrays.toString(b.frameX()));
            }
        }
    }

    @Test
    void aRenderedLineReadsTheSameText() throws Exception {
        CtcModel m = TinyModels.model(CRNN, 32, 5);
        Path onnx = dir.resolve("crnn.onnx");
        OnnxExporter.export(m, "crnn.model", onnx);
        BestPathDecoder greedy = new BestPathDecoder();
        int nonEmpty = 0;
        try (OnnxOpticalModel exported = OnnxOpticalModel.load(onnx, OnnxSettings.fromFile())) {
            for (String text : new String[] {"the stone", "honest earth", "rose tea"}) {
                GrayImage line = RenderedLines.render(text, 22f, 0);
                String native_ = greedy.decode(ductus(m).score(line)).text();
                String onnxText = greedy.decode(exported.score(line)).text();
                assertEquals(native_, onnxText, text);
                if (!native_.isEmpty()) nonEmpty++;
            }
        }
        assertTrue(nonEmpty > 0, "random weights still read some symbols");
        assertTrue(ExportCheck.maxDifference(m, onnx, 3) < 1e-4);
    }

    @Test
    void mdlstmIsRefusedNamingTheLayer() {
        // as the shipped MDLSTM models are: block subsampling (not exported either) before the MDLSTM layer
        CtcModel m = TinyModels.model("block=2x2,mdlstm=4,collapse,dense=CLASSES", 8, 1);
        InputException e = assertThrows(InputException.class, () -> OnnxExporter.export(m, "deep.model", dir.resolve("x.onnx")));
        assertTrue(e.getMessage().startsWith("deep.model: layer 'mdlstm=4"), e.getMessage());
        assertTrue(e.getMessage().contains("no standard ONNX form"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(dir.resolve("x.onnx")), "nothing is written");
        CtcModel window = TinyModels.model("conv=4:3x3,pool=2x2,columns,window=2,dense=CLASSES", 8, 1);
        assertEquals("w.model: layer 'window=2': is not exported (export supports conv, pool, act, columns, collapse, lstm, "
                + "blstm, dense, norm, dropout, logsoftmax)", assertThrows(InputException.class,
                () -> new OnnxExporter().toOnnx(window, "w.model")).getMessage());
    }

    @Test
    void aFeatureModelIsRefused() {
        CtcModel pixels = TinyModels.model("blstm=4,dense=CLASSES", 1, 1);
        CtcModel features = new CtcModel("blstm-ctc", pixels.alphabet(), "bands:8", new float[1], new float[1],
                pixels.network(), Map.of());
        InputException e = assertThrows(InputException.class, () -> new OnnxExporter().toOnnx(features, "f.model"));
        assertTrue(e.getMessage().startsWith("f.model: the model reads features 'bands:8'"), e.getMessage());
    }
}
