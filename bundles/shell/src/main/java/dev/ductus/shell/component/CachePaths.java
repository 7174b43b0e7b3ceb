package dev.ductus.shell.component;

import java.nio.file.Path;

/** Where data and trained models live: {@code ductus.cache}, else {@code $DUCTUS_CACHE}, else ~/.cache/ductus. */
final class CachePaths {
    private CachePaths() {
    }

    static Path cache() {
        String p = System.getProperty("ductus.cache");
        if (p == null || p.isBlank()) p = System.getenv("DUCTUS_CACHE");
        if (p == null || p.isBlank()) return Path.of(System.getProperty("user.home"), ".cache", "ductus");
        return Path.of(p).toAbsolutePath().normalize();
    }
}
