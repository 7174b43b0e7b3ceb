package dev.ductus.onnx.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxClassesTest {
    @TempDir
    Path dir;

    @Test
    void aPyLaiaSymbolsFile() throws Exception {
        Path f = Files.writeString(dir.resolve("syms.txt"), "<ctc> 0\n<space> 1\na 2\nb 3\n");
        OnnxClasses c = OnnxClasses.file(f, 5);
        assertEquals(List.of(" ", "a", "b"), c.alphabet().symbols());
        assertEquals(0, c.blank());
        assertEquals(4, c.classes());
    }

    @Test
    void oneSymbolPerLineWithTheBlankLast() throws Exception {
        Path f = Files.writeString(dir.resolve("syms.txt"), "x\ny\n\nz\n<blank>\n");
        OnnxClasses c = OnnxClasses.file(f, 0);
        assertEquals(List.of("x", "y", "z"), c.alphabet().symbols());
        assertEquals(3, c.blank());
    }

    @Test
    void badFilesNameTheFile() throws Exception {
        Path gap = Files.writeString(dir.resolve("gap.txt"), "<ctc> 0\na 2\n");
        InputException e = assertThrows(InputException.class, () -> OnnxClasses.file(gap, 0));
        assertEquals(gap + ": no symbol for class index 1", e.getMessage());
        Path twice = Files.writeString(dir.resolve("twice.txt"), "a\na\n");
        assertTrue(assertThrows(InputException.class, () -> OnnxClasses.file(twice, 0)).getMessage().startsWith(twice + ": "));
        Path missing = dir.resolve("missing.txt");
        assertTrue(assertThrows(InputException.class, () -> OnnxClasses.file(missing, 0)).getMessage().startsWith(missing + ": "));
    }

    @Test
    void inlineSymbols() {
        OnnxClasses c = OnnxClasses.inline("0123456789", 10);
        assertEquals(10, c.alphabet().size());
        assertEquals(10, c.blank());
        assertThrows(IllegalArgumentException.class, () -> OnnxClasses.inline("ab", 3));
    }
}
