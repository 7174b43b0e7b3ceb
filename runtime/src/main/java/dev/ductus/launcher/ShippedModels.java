package dev.ductus.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The trained models the distribution ships ({@code models/} with its {@code MANIFEST.tsv}: file, SHA-256, the
 * command that reproduces it, data, seconds, test CER/WER), installed into the models folder the configurations
 * name ({@code ${ductus.models}}) when a model is missing there: a first run serves them without training. A model
 * already in the folder (trained by the user) is never overwritten; a shipped file whose SHA-256 differs from its
 * manifest line is not installed and named in one line. Copies are atomic (temporary file, then rename).
 */
final class ShippedModels {
    /** One manifest line. */
    record Entry(String file, String sha256, String command, String data, String seconds, String testCer, String testWer,
                 String first20Cer, String pipeline, String dataset, List<String> replaces) {
        Entry {
            replaces = List.copyOf(replaces);
        }
    }

    private static String column(String[] f, int index) {
        return index >= 0 && index < f.length ? f[index] : "";
    }

    private ShippedModels() {
    }

    static List<Entry> read(Path manifest) throws IOException {
        List<Entry> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(manifest);
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split("\t", -1));
        int first20 = header.indexOf("test_first20_cer_percent");
        int pipeline = header.indexOf("pipeline");
        int dataset = header.indexOf("dataset");
        int replaces = header.indexOf("replaces_sha256");
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length < 7) throw new IOException(manifest + ":" + (i + 1) + ": " + f.length + " columns, the header names at least 7");
            if (!f[1].matches("[0-9a-f]{64}")) throw new IOException(manifest + ":" + (i + 1) + ": '" + f[1] + "' is no SHA-256");
            List<String> older = new ArrayList<>();
            for (String sha : column(f, replaces).split(",")) if (sha.trim().matches("[0-9a-f]{64}")) older.add(sha.trim());
            out.add(new Entry(f[0], f[1], f[2], f[3], f[4], f[5], f[6], column(f, first20), column(f, pipeline),
                    column(f, dataset), older));
        }
        return out;
    }

    /**
     * Installs the missing shipped models into {@code modelsDir}, and replaces an installed one that is an earlier
     * shipped version of it (its SHA-256 is in the manifest's {@code replaces_sha256}); a file with any other content
     * is the user's and stays.
     *
     * @return one line per model that was installed or refused (empty when there was nothing to do)
     */
    static List<String> install(Path shippedDir, Path modelsDir) throws IOException {
        Path manifest = shippedDir.resolve("MANIFEST.tsv");
        List<String> said = new ArrayList<>();
        if (!Files.isRegularFile(manifest)) return said;
        for (Entry e : read(manifest)) {
            Path target = modelsDir.resolve(e.file());
            boolean update = false;
            if (Files.exists(target)) {
                if (e.replaces().isEmpty() || !e.replaces().contains(sha256(target))) continue;
                update = true;
            }
            Path source = shippedDir.resolve(e.file());
            if (!Files.isRegularFile(source)) {
                said.add("shipped model " + source + " is missing (named in " + manifest + ")");
                continue;
            }
            String sha = sha256(source);
            if (!sha.equals(e.sha256())) {
                said.add("shipped model " + source + " has SHA-256 " + sha + ", its manifest says " + e.sha256() + ": not installed");
                continue;
            }
            Files.createDirectories(modelsDir);
            // a plain new file (umask permissions), not createTempFile's 0600
            Path tmp = modelsDir.resolve("." + e.file() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
            try {
                Files.copy(source, tmp);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException notAtomic) {
                    Files.move(tmp, target);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            said.add((update ? "updated the shipped model " : "installed the shipped model ") + e.file() + " (test CER "
                    + e.testCer() + " %) " + (update ? "in " : "into ") + modelsDir);
        }
        return said;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) md.update(buffer, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
