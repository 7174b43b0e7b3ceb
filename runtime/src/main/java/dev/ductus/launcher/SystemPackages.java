package dev.ductus.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Build step: lists the packages of the library jars on the launcher class path (ND4J, JavaCPP and their
 * dependencies) as {@code package;version=...} lines, so the framework exports them to bundles. The framework's
 * and launcher's own jars are skipped.
 */
public final class SystemPackages {
    private static final Set<String> SKIP_PREFIXES = Set.of("org.apache.felix.framework", "org.apache.felix.feature",
            "org.apache.felix.cm.json", "org.osgi.", "jakarta.json", "parsson", "dev.ductus.launcher", "osgi.");

    private SystemPackages() {
    }

    public static void main(String[] args) throws IOException {
        Path lib = Path.of(args[0]);
        Path out = Path.of(args[1]);
        TreeMap<String, String> packages = new TreeMap<>();
        List<Path> jars;
        try (var s = Files.list(lib)) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (SKIP_PREFIXES.stream().anyMatch(name::startsWith)) continue;
            String version = versionOf(jar);
            try (JarFile jf = new JarFile(jar.toFile())) {
                for (ZipEntry e : java.util.Collections.list(jf.entries())) {
                    String n = e.getName();
                    if (!n.endsWith(".class") || n.startsWith("META-INF/") || n.indexOf('/') < 0) continue;
                    String pkg = n.substring(0, n.lastIndexOf('/')).replace('/', '.');
                    if (pkg.startsWith("java.") || pkg.contains("-")) continue;
                    packages.putIfAbsent(pkg, version);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("# packages exported by the system bundle from lib/ (generated at build time by " + SystemPackages.class.getName() + ")");
        packages.forEach((p, v) -> lines.add(p + ";version=\"" + v + "\""));
        Files.createDirectories(out.getParent());
        Files.write(out, lines, StandardCharsets.UTF_8);
        System.out.println("system packages: " + packages.size() + " from " + jars.size() + " jars -> " + out);
    }

    /** The jar's OSGi or implementation version made OSGi-valid; ND4J's 1.0.0-M2.1 becomes 1.0.0. */
    private static String versionOf(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Attributes a = jf.getManifest() == null ? null : jf.getManifest().getMainAttributes();
            String v = a == null ? null : a.getValue("Bundle-Version");
            if (v == null && a != null) v = a.getValue("Implementation-Version");
            if (v == null) {
                var m = java.util.regex.Pattern.compile("-(\\d+(\\.\\d+){0,2})").matcher(jar.getFileName().toString());
                v = m.find() ? m.group(1) : "0.0.0";
            }
            var m = java.util.regex.Pattern.compile("^(\\d+)(\\.(\\d+))?(\\.(\\d+))?").matcher(v);
            if (!m.find()) return "0.0.0";
            return m.group(1) + "." + (m.group(3) == null ? "0" : m.group(3)) + "." + (m.group(5) == null ? "0" : m.group(5));
        }
    }
}
