package dev.ductus.ctc.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.spec.ModelSpec;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Model swap through configuration: a new path swaps, a bad one leaves the old model serving. */
class CtcModelComponentTest {
    @TempDir
    Path dir;

    private static CtcModelComponent.Config config(Path path) {
        return new CtcModelComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CtcModelComponent.Config.class;
            }

            @Override
            public String ductus_name() {
                return "crnn";
            }

            @Override
            public String model_path() {
                return path.toString();
            }
        };
    }

    private static Path model(Path file, String system, List<String> symbols) throws Exception {
        Alphabet a = new Alphabet(symbols);
        Network net = new NetworkBuilder(DataType.FLOAT, 3).build(new Shape(16, 1),
                ModelSpec.parse("conv=4:3x3,pool=2x2,blstm=4,dense=" + (a.size() + 1)));
        new CtcModel(system, a, "pixels:h=16", null, null, net, Map.of("note", system)).write(file, null, Map.of());
        return file;
    }

    @Test
    void modifiedPathSwapsTheModelAndABadFileKeepsTheOldOne() throws Exception {
        Path a = model(dir.resolve("a.model"), "crnn", List.of("a", "b"));
        Path b = model(dir.resolve("b.model"), "crnn", List.of("x", "y", "z"));
        Path broken = dir.resolve("broken.model");
        Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(b), 100));
        CtcModelComponent c = new CtcModelComponent();
        c.activate(null, config(a), Map.of());
        var line = dev.ductus.api.image.GrayImage.blank(40, 16);
        FrameScores s = c.score(line);
        assertEquals(3, s.classes());
        c.modified(config(broken), Map.of());
        assertEquals(2, c.info().alphabet().size(), "a truncated file leaves the old model serving");
        c.modified(config(b), Map.of());
        assertEquals(3, c.info().alphabet().size());
        assertEquals(4, c.score(line).classes());
        c.deactivate();
    }

    /** Defect: a model retrained to its configured path kept serving the old weights until a restart. */
    @Test
    void aModelRetrainedInPlaceIsSwappedInAndNotedPerResult() throws Exception {
        Path a = model(dir.resolve("a.model"), "crnn", List.of("a", "b"));
        CtcModelComponent c = new CtcModelComponent();
        c.activate(null, config(a), Map.of());
        var line = dev.ductus.api.image.GrayImage.blank(40, 16);
        dev.ductus.api.Notes before = new dev.ductus.api.Notes();
        assertEquals(3, c.score(line, before).classes());
        String v1 = c.served().version().id();
        assertTrue(before.toString().contains(v1), before.toString());
        model(a, "crnn", List.of("x", "y", "z")); // written atomically over the configured path
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (c.info().alphabet().size() != 3 && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(3, c.info().alphabet().size(), "the watch swapped in the retrained model");
        dev.ductus.api.Notes after = new dev.ductus.api.Notes();
        assertEquals(4, c.score(line, after).classes());
        String v2 = c.served().version().id();
        assertTrue(!v1.equals(v2) && after.toString().contains(v2), after.toString());
        c.deactivate();
    }

    @Test
    void aFeatureModelWithoutItsExtractorRefusesToScore() throws Exception {
        Alphabet a = new Alphabet(List.of("a"));
        Network net = new NetworkBuilder(DataType.FLOAT, 3).build(new Shape(1, 4), ModelSpec.parse("blstm=4,dense=2"));
        Path file = dir.resolve("f.model");
        new CtcModel("blstm-ctc", a, "bands:4", new float[4], new float[] {1, 1, 1, 1}, net, Map.of()).write(file, null, Map.of());
        CtcModelComponent c = new CtcModelComponent();
        c.activate(null, config(file), Map.of());
        InputException e = assertThrows(InputException.class, () -> c.score(dev.ductus.api.image.GrayImage.blank(20, 16)));
        assertTrue(e.getMessage().contains("bands:4"), e.getMessage());
        c.deactivate();
        CtcModelComponent missing = new CtcModelComponent();
        missing.activate(null, config(dir.resolve("missing.model")), Map.of());
        assertFalse(missing.serving());
        IllegalStateException notReady = assertThrows(IllegalStateException.class, () -> missing.score(dev.ductus.api.image.GrayImage.blank(20, 16)));
        assertTrue(notReady.getMessage().contains("not ready"), notReady.getMessage());
        missing.deactivate();
    }
}
