package dev.ductus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.data.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineFolderTest {
    @TempDir
    Path dir;
    final ImageIoLoader loader = new ImageIoLoader();

    @Test
    void writeThenReadGivesTheSameSamples() {
        List<Sample> samples = List.of(
                new Sample("a", "Call me Ishmael.", "mem", () -> ImageIoLoader.pattern(40, 12, 1)),
                new Sample("sub/b", "Ünïcödé \"quotes\" & more", "mem", () -> ImageIoLoader.pattern(30, 10, 2)),
                new Sample("p", "first line\nsecond line", "mem", () -> ImageIoLoader.pattern(50, 30, 3),
                        List.of(new Box(1, 2, 40, 10), new Box(3, 15, 44, 12))));
        LineFolderWriter.write(samples, dir, loader);

        ListDataset read = LineFolderReader.read(dir, true, loader, "x", "test");

        assertEquals(List.of(), read.warnings());
        assertEquals(3, read.size());
        assertEquals(0, loader.reads.get(), "images load lazily");
        for (Sample expected : samples) {
            Sample got = read.samples().stream().filter(s -> s.id().equals(expected.id())).findFirst().orElseThrow();
            assertEquals(expected.text(), got.text());
            assertEquals(expected.lineBoxes(), got.lineBoxes());
            assertArrayEquals(expected.loadImage().pixels(), got.loadImage().pixels(), 1e-6f);
        }
    }

    @Test
    void skipsMalformedSamplesWithWarningsNamingTheFile() throws Exception {
        loader.writePng(ImageIoLoader.pattern(20, 8, 0), dir.resolve("good.png"));
        Files.writeString(dir.resolve("good.gt.txt"), "fine\n");
        Files.writeString(dir.resolve("noimage.gt.txt"), "orphan text\n");
        loader.writePng(ImageIoLoader.pattern(20, 8, 1), dir.resolve("notext.png"));
        loader.writePng(ImageIoLoader.pattern(20, 8, 2), dir.resolve("empty.png"));
        Files.writeString(dir.resolve("empty.gt.txt"), "  \n\n");
        loader.writePng(ImageIoLoader.pattern(20, 8, 3), dir.resolve("latin1.png"));
        Files.write(dir.resolve("latin1.gt.txt"), "ok line\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        ListDataset read = LineFolderReader.read(dir, false, loader, "x", "");

        assertEquals(List.of("good"), read.samples().stream().map(Sample::id).toList());
        assertEquals(4, read.warnings().size(), read.warnings().toString());
        assertHas(read.warnings(), "noimage.gt.txt: no image");
        assertHas(read.warnings(), "notext.png: image without a .gt.txt");
        assertHas(read.warnings(), "empty.gt.txt:1: empty transcription");
        assertHas(read.warnings(), "latin1.gt.txt:2: not valid UTF-8");
        assertTrue(read.summary().contains("1 samples, 4 warnings"), read.summary());
    }

    @Test
    void badLineBoxesAreOneWarningCountingTheBadLines() throws Exception {
        loader.writePng(ImageIoLoader.pattern(40, 20, 0), dir.resolve("p.png"));
        Files.writeString(dir.resolve("p.gt.txt"), "one\ntwo\nthree\n");
        Files.writeString(dir.resolve("p.lines.tsv"), "0\t0\t40\t6\tone\n0\tx\t40\t6\ttwo\n0\t12\t-4\t6\tthree\n");
        ListDataset read = LineFolderReader.read(dir, false, loader, "x", "");
        assertEquals(List.of(), read.samples().get(0).lineBoxes());
        assertEquals(List.of(dir.resolve("p.lines.tsv") + ":2: expected x, y, width, height (and 1 more bad lines); line boxes ignored"),
                read.warnings());
    }

    @Test
    void anEmptyFolderIsAnError() {
        InputException e = assertThrows(InputException.class, () -> LineFolderReader.read(dir, true, loader, "x", ""));
        assertTrue(e.getMessage().startsWith(dir.toString()) && e.getMessage().contains("no samples"), e.getMessage());
    }

    @Test
    void plainTextWriterEndsWithOneNewline() throws Exception {
        PlainTextWriter.write(dir.resolve("out.txt"), List.of("one", "two"));
        assertEquals("one\ntwo\n", Files.readString(dir.resolve("out.txt")));
    }

    static void assertHas(List<String> warnings, String fragment) {
        assertTrue(warnings.stream().anyMatch(w -> w.contains(fragment)), fragment + " not in " + warnings);
    }
}
