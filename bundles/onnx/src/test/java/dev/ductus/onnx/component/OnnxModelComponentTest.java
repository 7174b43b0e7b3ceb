package dev.ductus.onnx.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.onnx.TinyModels;
import dev.ductus.onnx.export.OnnxExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage through the model store: swap on a new path, a bad file keeps the old model, bad settings name the stage. */
class OnnxModelComponentTest {
    @TempDir
    Path dir;

    private Path export(String name, String spec, long seed) {
        Path f = dir.resolve(name);
        OnnxExporter.export(TinyModels.model(spec, 16, seed), name, f);
        return f;
    }

    @Test
    void aNewPathSwapsAndABadFileKeepsTheOldModel() throws Exception {
        Path a = export("a.onnx", "conv=4:3x3,pool=2x2,blstm=4,dense=CLASSES", 1);
        Path b = export("b.onnx", "conv=3:3x3,pool=2x2,lstm=5,dense=CLASSES", 2);
        byte[] all = Files.readAllBytes(b);
        Path cut = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(all, 200));
        OnnxModelComponent c = new OnnxModelComponent();
        c.activate(null, Configs.onnx(Map.of("ductus.name", "tiny", "model.path", a.toString())), Map.of());
        GrayImage line = GrayImage.blank(60, 16);
        assertTrue(c.serving());
        String va = c.served().version().id();
        float[] sa = c.score(line).scores();
        c.modified(Configs.onnx(Map.of("ductus.name", "tiny", "model.path", cut.toString())), Map.of());
        assertEquals(va, c.served().version().id(), "a truncated file leaves the old model serving");
        c.modified(Configs.onnx(Map.of("ductus.name", "tiny", "model.path", b.toString())), Map.of());
        assertNotEquals(va, c.served().version().id());
        assertFalse(Arrays.equals(sa, c.score(line).scores()));
        c.deactivate();
    }

    @Test
    void badSettingsNameTheConfiguration() {
        InputException e = assertThrows(InputException.class, () -> OnnxModelComponent.settings(
                Configs.onnx(Map.of("ductus.name", "x", "model.path", "m.onnx", "output", "probits")), null));
        assertEquals("dev.ductus.onnx.model~x: output 'probits': expected logits, log-softmax or softmax", e.getMessage());
    }
}
