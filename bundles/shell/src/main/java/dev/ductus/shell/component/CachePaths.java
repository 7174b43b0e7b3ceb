package dev.ductus.shell.component;

import dev.ductus.data.CacheFolder;
import java.nio.file.Path;

/** Where data and trained models live: {@code ductus.cache}, else {@code $DUCTUS_CACHE}, else ~/.cache/ductus. */
final class CachePaths {
    private CachePaths() {
    }

    static Path cache() {
        return CacheFolder.root();
    }
}
