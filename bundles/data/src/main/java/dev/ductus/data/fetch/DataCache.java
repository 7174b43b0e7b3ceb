package dev.ductus.data.fetch;

import java.nio.file.Path;

/**
 * Where fetched packages and generated datasets live: the system property {@code ductus.cache}, else the
 * environment variable {@code DUCTUS_CACHE}, else {@code ~/.cache/ductus}. Nothing in it is ever committed;
 * deleting it only costs a new fetch and generation.
 */
public record DataCache(Path root) {
    public static final String PROPERTY = "ductus.cache";
    public static final String ENVIRONMENT = "DUCTUS_CACHE";

    public DataCache {
        root = root.toAbsolutePath().normalize();
    }

    /** The cache chosen by an explicit folder (may be null or blank), the property, the environment, or home. */
    public static DataCache resolve(String explicit) {
        if (explicit != null && !explicit.isBlank()) return new DataCache(Path.of(explicit.trim()));
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) return new DataCache(Path.of(property.trim()));
        String env = System.getenv(ENVIRONMENT);
        if (env != null && !env.isBlank()) return new DataCache(Path.of(env.trim()));
        return new DataCache(Path.of(System.getProperty("user.home"), ".cache", "ductus"));
    }

    public Path npm() {
        return root.resolve("npm");
    }

    public Path datasets() {
        return root.resolve("datasets");
    }

    /** The folder holding one package's .tgz and its extracted {@code package/} folder. */
    public Path packageFolder(NpmPackage pkg) {
        return npm().resolve(pkg.folderName());
    }

    /** The extracted contents of a package (what npm calls {@code package/} inside the tarball). */
    public Path packageContents(NpmPackage pkg) {
        return packageFolder(pkg).resolve("package");
    }
}
