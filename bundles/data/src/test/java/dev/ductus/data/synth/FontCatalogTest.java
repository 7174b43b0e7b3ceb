package dev.ductus.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.data.fetch.NpmPackage;
import dev.ductus.data.fetch.PackageCatalog;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The writer split: enough writers, disjoint by family, wave 1's test hands kept, reserved families absent. */
class FontCatalogTest {
    @Test
    void atLeastEightyFamiliesSplitByFamilyKeepingTheOldTestHands() {
        List<String> train = FontCatalog.SPLITS.get("train");
        List<String> validation = FontCatalog.SPLITS.get("validation");
        List<String> test = FontCatalog.SPLITS.get("test");
        assertTrue(train.size() >= 64, "train families: " + train.size());
        assertTrue(validation.size() >= 8 && test.size() >= 8, validation.size() + " / " + test.size());
        Set<String> all = new HashSet<>();
        for (List<String> split : List.of(train, validation, test)) {
            for (String f : split) assertTrue(all.add(f), f + " is in two splits (or twice in one)");
        }
        assertTrue(all.size() >= 80, "families: " + all.size());
        assertTrue(test.containsAll(List.of("schoolbell", "patrick-hand", "homemade-apple", "sacramento")), test.toString());
    }

    @Test
    void everyFamilyIsAPinnedPackageAndNoReservedFamilyIsInTheCatalog() {
        PackageCatalog catalog = PackageCatalog.bundled();
        Set<String> fonts = new HashSet<>();
        for (NpmPackage p : catalog.withRole("font")) {
            fonts.add(p.shortName());
            assertEquals(64, p.sha256().length(), p.spec());
            assertTrue(p.version().matches("\\d+\\.\\d+\\.\\d+"), p.spec() + " is pinned to one version");
        }
        for (List<String> split : FontCatalog.SPLITS.values()) {
            for (String f : split) assertTrue(fonts.contains(f), f + " has no line in packages.tsv");
        }
        for (String reserved : FontCatalog.RESERVED) {
            assertFalse(fonts.contains(reserved), reserved + " is reserved for blind evaluation");
            assertTrue(FontCatalog.SPLITS.values().stream().noneMatch(s -> s.contains(reserved)), reserved);
            for (NpmPackage p : catalog.all()) assertFalse(p.name().contains(reserved), p.spec());
        }
    }

    @Test
    void aCatalogHandedAReservedFamilyRefusesToLoad() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FontCatalog.load(Map.of("kristi", Path.of("nowhere"))));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    }
}
