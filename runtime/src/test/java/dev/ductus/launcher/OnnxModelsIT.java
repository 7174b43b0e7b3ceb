package dev.ductus.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ONNX models in the assembled runtime: onnxruntime's natives load from the onnx bundle inside Felix, the shipped
 * CRNN exports ({@code models export-onnx}) and, served by the ONNX stage from nothing but its path, reads a line as
 * the native CRNN does; an MDLSTM model is refused in one line naming its layer.
 */
class OnnxModelsIT {
    static Path dir;
    static Path cache;

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("ductus-onnx-it");
        cache = Files.createDirectories(dir.resolve("cache"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        Distribution.deleteTree(dir);
    }

    @Test
    void theShippedCrnnExportsAndServesTheSameText() throws Exception {
        Path onnx = dir.resolve("crnn-cursive.onnx");
        Distribution.Run export = Distribution.run(cache, "models", "export-onnx",
                Distribution.HOME.resolve("models/crnn-cursive.model").toString(), "-o", onnx.toString());
        assertEquals(0, export.status(), export.err());
        assertTrue(export.out().contains("max |log-posterior difference|"), export.out());
        Path config = Distribution.copyConfig(dir.resolve("config"));
        Files.writeString(config.resolve("dev.ductus.onnx.model~crnn-cursive-onnx.cfg"),
                "ductus.name = crnn-cursive-onnx\nmodel.path = " + onnx + "\n");
        Files.writeString(config.resolve("dev.ductus.pipeline~crnn-onnx.cfg"), String.join("\n",
                "preprocessor.target = (ductus.name=pixels)", "model.target = (ductus.name=crnn-cursive-onnx)",
                "decoder.target = (ductus.name=ctc-greedy)", ""));
        Files.writeString(config.resolve("dev.ductus.pipeline~crnn-greedy.cfg"), String.join("\n",
                "preprocessor.target = (ductus.name=pixels)", "model.target = (ductus.name=crnn-cursive)",
                "decoder.target = (ductus.name=ctc-greedy)", ""));
        Path line = Distribution.textLine(dir.resolve("line.png"), "the honest sea");
        Distribution.Run viaOnnx = Distribution.run(cache, "recognize", "--config", config.toString(), "--pipeline", "crnn-onnx", line.toString());
        Distribution.Run nativeCrnn = Distribution.run(cache, "recognize", "--config", config.toString(), "--pipeline", "crnn-greedy", line.toString());
        assertEquals(0, viaOnnx.status(), viaOnnx.err());
        assertEquals(0, nativeCrnn.status(), nativeCrnn.err());
        assertFalse(viaOnnx.out().isBlank());
        assertEquals(nativeCrnn.out(), viaOnnx.out());
    }

    @Test
    void anMdlstmModelIsRefusedNamingTheLayer() throws Exception {
        Path model = Distribution.HOME.resolve("models/mdlstm-digits.model");
        Distribution.Run r = Distribution.run(cache, "models", "export-onnx", model.toString(), "-o", dir.resolve("m.onnx").toString());
        assertEquals(1, r.status(), r.err());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.contains(model + ": layer 'mdlstm="), r.err());
        assertTrue(last.contains("no standard ONNX form"), r.err());
        assertFalse(Files.exists(dir.resolve("m.onnx")));
    }
}
