package dev.ductus.data.fetch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pinned packages recorded in the bundle's {@code packages.tsv}: name, version, sha256, role, licence. */
public final class PackageCatalog {
    private final List<NpmPackage> packages;

    public PackageCatalog(List<NpmPackage> packages) {
        this.packages = List.copyOf(packages);
    }

    /** The catalog shipped in this bundle. */
    public static PackageCatalog bundled() {
        try (InputStream in = PackageCatalog.class.getResourceAsStream("packages.tsv")) {
            if (in == null) throw new IllegalStateException("packages.tsv missing from the data bundle");
            return parse(in, "packages.tsv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PackageCatalog parse(InputStream in, String source) throws IOException {
        List<NpmPackage> list = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (f.length < 5) throw new IllegalStateException(source + ":" + number + ": expected 5 tab-separated fields");
            list.add(new NpmPackage(f[0], f[1], f[2], f[3], f[4]));
        }
        return new PackageCatalog(list);
    }

    public List<NpmPackage> all() {
        return packages;
    }

    public List<NpmPackage> withRole(String role) {
        return packages.stream().filter(p -> p.role().equals(role)).toList();
    }

    public Optional<NpmPackage> find(String name) {
        return packages.stream().filter(p -> p.name().equals(name) || p.shortName().equals(name)).findFirst();
    }

    public NpmPackage require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no package " + name + " in packages.tsv"));
    }
}
