package dev.ductus.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs {@link DatasetReadersFuzzTest} found; each must be a warning or an InputException naming the file. */
class DatasetReadersRegressionTest {
    @TempDir
    Path root;

    /**
     * Seed 20261251: a NUL byte inserted into a line id ("a\u000001-000u-00") made Path.resolve throw
     * InvalidPathException out of the reader. Such an id (like one with / or ..) names no image: the line is
     * skipped with a warning and the good lines are read.
     */
    @Test
    void iamIdThatCannotNameAFileIsSkippedWithAWarning() throws Exception {
        ImageIoLoader loader = new ImageIoLoader();
        Path png = root.resolve("lines/a01/a01-000u/a01-000u-00.png");
        Files.createDirectories(png.getParent());
        loader.writePng(ImageIoLoader.pattern(30, 10, 1), png);
        Files.createDirectories(root.resolve("ascii"));
        Files.write(root.resolve("ascii/lines.txt"), ("a01-000u-00 ok 154 19 408 746 1661 89 A|MOVE\n"
                + "a\u000001-000u-00 ok 154 19 408 746 1661 89 nul\n"
                + "..-000u-00 ok 154 19 408 746 1661 89 dots\n"
                + "a01/../a01-000u-00 ok 154 19 408 746 1661 89 slash\n").getBytes(StandardCharsets.UTF_8));
        ListDataset read = IamReader.read(root, null, loader, false);
        assertEquals(1, read.samples().size());
        assertEquals(3, read.warnings().stream().filter(w -> w.contains("no image for")).count(), read.warnings().toString());
        assertTrue(read.warnings().get(0).contains("lines.txt:2"), read.warnings().toString());
    }
}
