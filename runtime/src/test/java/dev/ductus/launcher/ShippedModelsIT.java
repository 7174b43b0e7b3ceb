package dev.ductus.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distribution's shipped models: each file matches its manifest SHA-256 and states how it was made and how
 * it reads; a run with an empty models folder installs them and serves their pipelines without training; a
 * model the user trained is never overwritten; a file that does not match its manifest is not installed.
 */
class ShippedModelsIT {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("ductus-shipped-it");
    }

    @AfterEach
    void tearDown() throws Exception {
        Distribution.deleteTree(dir);
    }

    @Test
    void everyShippedModelMatchesItsManifestLine() throws Exception {
        Path shipped = Distribution.HOME.resolve("models");
        List<ShippedModels.Entry> entries = ShippedModels.read(shipped.resolve("MANIFEST.tsv"));
        assertFalse(entries.isEmpty());
        long bytes = 0;
        for (ShippedModels.Entry e : entries) {
            Path f = shipped.resolve(e.file());
            assertEquals(e.sha256(), ShippedModels.sha256(f), e.file());
            assertTrue(e.command().startsWith("ductus train --system "), e.command());
            assertTrue(Double.parseDouble(e.testCer()) >= 0 && Double.parseDouble(e.seconds()) > 0, e.toString());
            bytes += Files.size(f);
        }
        assertTrue(bytes < 60L << 20, "shipped models stay under 60 MB: " + bytes);
    }

    @Test
    void aFirstRunServesTheShippedModelsAndKeepsTheUsersOwn() throws Exception {
        Path models = dir.resolve("cache").resolve("models");
        Files.createDirectories(models);
        Path own = Files.writeString(models.resolve("mdlstm-digits.model"), "the user's own file");
        System.setProperty("ductus.cache", dir.resolve("cache").toString());
        try (var fw = new Distribution.InProcess(Distribution.copyConfig(dir.resolve("config")), dir.resolve("storage"), true)) {
            Distribution.Run r = fw.execute("pipelines", "--wait", "60");
            assertTrue(RunningFrameworkIT.stagesOf(r.out(), "crnn-digits").contains("ready"), "out: " + r.out() + "\nerr: " + r.err());
            assertTrue(RunningFrameworkIT.stagesOf(r.out(), "crnn-digits").contains("[crnn-digits@6e0a8876c2d7]"), r.out());
        }
        assertEquals("the user's own file", Files.readString(own));
        assertEquals(ShippedModels.sha256(Distribution.HOME.resolve("models/crnn-digits.model")),
                ShippedModels.sha256(models.resolve("crnn-digits.model")));
    }

    @Test
    void aShippedFileThatDoesNotMatchItsManifestIsNotInstalled() throws Exception {
        Path shipped = Files.createDirectories(dir.resolve("shipped"));
        Files.writeString(shipped.resolve("x.model"), "tampered");
        Files.writeString(shipped.resolve("MANIFEST.tsv"), "file\tsha256\tcommand\tdata\ttrain_seconds\ttest_cer_percent\ttest_wer_percent\n"
                + "x.model\t" + "0".repeat(64) + "\tductus train --system crnn --data digits\td\t1\t1.0\t2.0\n");
        List<String> said = ShippedModels.install(shipped, dir.resolve("models"));
        assertEquals(1, said.size());
        assertTrue(said.get(0).contains("x.model") && said.get(0).contains("not installed"), said.get(0));
        assertFalse(Files.exists(dir.resolve("models/x.model")));
    }

    @Test
    void anEarlierShippedVersionIsUpdatedAndAnyOtherFileKept() throws Exception {
        Path shipped = Files.createDirectories(dir.resolve("shipped-v2"));
        Path models = Files.createDirectories(dir.resolve("models-v2"));
        Files.writeString(shipped.resolve("a.model"), "version 2");
        Files.writeString(shipped.resolve("b.model"), "version 2 of b");
        Files.writeString(models.resolve("a.model"), "version 1");
        Files.writeString(models.resolve("b.model"), "the user's retrained b");
        Path v1 = Files.writeString(dir.resolve("v1"), "version 1");
        String header = "file\tsha256\tcommand\tdata\ttrain_seconds\ttest_cer_percent\ttest_wer_percent\treplaces_sha256\n";
        Files.writeString(shipped.resolve("MANIFEST.tsv"), header
                + "a.model\t" + ShippedModels.sha256(shipped.resolve("a.model")) + "\tcmd\td\t1\t1.0\t2.0\t" + ShippedModels.sha256(v1) + "\n"
                + "b.model\t" + ShippedModels.sha256(shipped.resolve("b.model")) + "\tcmd\td\t1\t1.0\t2.0\t" + ShippedModels.sha256(v1) + "\n");
        List<String> said = ShippedModels.install(shipped, models);
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("updated the shipped model a.model"), said.get(0));
        assertEquals("version 2", Files.readString(models.resolve("a.model")));
        assertEquals("the user's retrained b", Files.readString(models.resolve("b.model")));
        assertEquals(List.of(), ShippedModels.install(shipped, models), "nothing left to do");
    }
}
