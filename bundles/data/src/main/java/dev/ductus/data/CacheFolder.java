package dev.ductus.data;

import dev.ductus.data.fetch.DataCache;
import java.nio.file.Path;

/**
 * The cache for data, models and reports: the system property {@code ductus.cache}, else {@code $DUCTUS_CACHE},
 * else {@code ~/.cache/ductus}. One rule for every bundle that needs the folder.
 */
public final class CacheFolder {
    private CacheFolder() {
    }

    public static Path root() {
        return DataCache.resolve(null).root();
    }

    /** Where {@code compare} writes its HTML reports. */
    public static Path reports() {
        return root().resolve("reports");
    }
}
