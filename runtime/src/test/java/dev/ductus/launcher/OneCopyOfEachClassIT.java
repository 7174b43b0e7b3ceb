package dev.ductus.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Defect: shared code was copied into the bundles that used it (bnd -conditionalpackage), so the runtime held
 * several copies of the HMM engine, the neural core and the features, class identity differed across bundles,
 * and fast paths keyed on it ({@code CharacterHmms.copyOf}) were bypassed in the assembled runtime only. Every
 * class of ours now lives in exactly one bundle of the distribution, and the library bundles export their
 * packages.
 */
class OneCopyOfEachClassIT {
    @Test
    void everyDuctusClassIsInExactlyOneBundleAndTheLibrariesExportTheirPackages() throws Exception {
        Map<String, List<String>> where = new TreeMap<>();
        Map<String, String> exports = new TreeMap<>();
        try (Stream<Path> jars = Files.list(Distribution.HOME.resolve("bundle"))) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().startsWith("dev.ductus.")).toList()) {
                try (JarFile f = new JarFile(jar.toFile())) {
                    f.stream().map(e -> e.getName()).filter(n -> n.startsWith("dev/ductus/") && n.endsWith(".class"))
                            .forEach(n -> where.computeIfAbsent(n, k -> new ArrayList<>()).add(jar.getFileName().toString()));
                    String export = f.getManifest().getMainAttributes().getValue("Export-Package");
                    exports.put(jar.getFileName().toString(), export == null ? "" : export);
                }
            }
        }
        List<String> copied = where.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " in " + e.getValue()).toList();
        assertTrue(where.size() > 500, "read the distribution's classes: " + where.size());
        assertTrue(copied.isEmpty(), copied.size() + " classes in more than one bundle, e.g. " + copied.stream().limit(5).toList());
        for (String[] lib : new String[][] {{"dev.ductus.hmm-", "dev.ductus.hmm.topology"}, {"dev.ductus.nn-", "dev.ductus.nn.layer"},
                {"dev.ductus.features-", "dev.ductus.features.spec"}, {"dev.ductus.gmmhmm-", "dev.ductus.gmmhmm.model"},
                {"dev.ductus.store-", "dev.ductus.store"}}) {
            String export = exports.entrySet().stream().filter(e -> e.getKey().startsWith(lib[0])).map(Map.Entry::getValue)
                    .findFirst().orElseThrow(() -> new AssertionError("no bundle " + lib[0]));
            assertTrue(export.contains(lib[1] + ";version=\"1.0.0\"") || export.contains(lib[1] + ";version=1.0.0")
                    || export.matches("(?s).*" + java.util.regex.Pattern.quote(lib[1]) + "[;,].*version=\"?1\\.0\\.0.*"),
                    lib[0] + " exports " + lib[1] + " at 1.0.0: " + export);
        }
    }
}
