package dev.ductus.data.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.data.ImageIoLoader;
import dev.ductus.data.fetch.NpmPackage;
import dev.ductus.data.fetch.PackageCatalog;
import dev.ductus.data.fetch.Sha256;
import dev.ductus.data.fetch.TestTarballs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandLineTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(DataCommandLine cli, String... args) throws Exception {
        out.reset();
        err.reset();
        return cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private DataCommandLine cli() {
        return new DataCommandLine(PackageCatalog.bundled(), (p, d) -> {
            throw new AssertionError("no network in tests");
        }, 1, dir.resolve("cache").toString());
    }

    @Test
    void usageAndBadUsage() throws Exception {
        assertEquals(2, run(cli()));
        assertTrue(err.toString().contains("make-lines"));
        assertEquals(0, run(cli(), "--help"));
        assertTrue(out.toString().contains("sheet DIR -o sheet.png"));
        assertEquals(2, run(cli(), "frobnicate"));
        assertEquals(2, run(cli(), "make-lines", "--size"));
        assertEquals(2, run(cli(), "make-lines", "--size", "huge"));
        assertTrue(err.toString().contains("unknown size 'huge'"), err.toString());
        assertEquals(2, run(cli(), "sheet", "somewhere"));
    }

    @Test
    void listShowsEveryEmbeddedDatasetAndWhetherItIsGenerated() throws Exception {
        assertEquals(0, run(cli(), "list"));
        String text = out.toString();
        for (String name : List.of("cursive-small-g2", "digits-small-g1", "paragraphs-small-g2")) assertTrue(text.contains(name), text);
        assertTrue(text.contains("not generated"));
        assertTrue(text.contains("{train=3000, validation=300, test=300}"), text);
    }

    @Test
    void fetchUsesThePackCommandAndIsANoOpTheSecondTime() throws Exception {
        byte[] tgz = TestTarballs.tgz(Map.of("package/readme.md", "hi".getBytes(StandardCharsets.UTF_8)));
        PackageCatalog one = new PackageCatalog(List.of(new NpmPackage("@fake/pkg", "1.0.0", Sha256.of(tgz), "words", "MIT")));
        int[] calls = {0};
        DataCommandLine cli = new DataCommandLine(one, (p, d) -> {
            calls[0]++;
            Files.createDirectories(d);
            return Files.write(d.resolve("x.tgz"), tgz);
        }, 1, "");
        assertEquals(0, run(cli, "fetch", "--cache", dir.toString()));
        assertTrue(out.toString().contains("fetched 1 of 1"), out.toString());
        assertEquals(0, run(cli, "fetch", "--cache", dir.toString()));
        assertTrue(out.toString().contains("already in"), out.toString());
        assertEquals(1, calls[0]);
    }

    @Test
    void sheetDrawsTheFirstSamplesOfAFolder() throws Exception {
        ImageIoLoader loader = new ImageIoLoader();
        Path folder = dir.resolve("set/test");
        for (int i = 0; i < 3; i++) {
            loader.writePng(ImageIoLoader.pattern(60, 20, i), folder.resolve("s" + i + ".png"));
            Files.writeString(folder.resolve("s" + i + ".gt.txt"), "line " + i + "\n");
        }
        Path png = dir.resolve("sheet.png");
        assertEquals(0, run(cli(), "sheet", dir.resolve("set").toString(), "-o", png.toString(), "--count", "2"));
        assertTrue(out.toString().contains("2 samples"), out.toString());
        assertTrue(loader.readFirst(png).height() > 40);
    }
}
