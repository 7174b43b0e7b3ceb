package dev.ductus.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** What the store knows of a model's files without reading them (a stat each), and their digest when it must. */
final class FileContent {
    /** Size, modification time and file key of each file, or "missing": equal stamps mean "not touched". */
    record Stamp(List<String> parts) {
        boolean anyMissing() {
            return parts.contains("missing");
        }
    }

    private FileContent() {
    }

    static Stamp stamp(List<Path> files) {
        List<String> parts = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                parts.add(a.size() + ":" + a.lastModifiedTime().toMillis() + ":" + a.fileKey());
            } catch (IOException e) {
                parts.add("missing");
            }
        }
        return new Stamp(List.copyOf(parts));
    }

    /** Hex SHA-256 over the files' bytes, one after the other. */
    static String sha256(List<Path> files) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buffer)) > 0; ) md.update(buffer, 0, n);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(f.toString(), null, "model file not found");
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static long size(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                // counted as 0: the digest has just read it, a race with a delete is harmless here
            }
        }
        return total;
    }
}
