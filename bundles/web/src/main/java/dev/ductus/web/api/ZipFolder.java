package dev.ductus.web.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an uploaded zip of a line folder (images + {@code .gt.txt}) into a fresh folder, flat: every entry keeps
 * only its file name (no path from the archive reaches the file system, so {@code ../} and absolute names cannot
 * escape), hidden and macOS resource files are skipped, and the entry count and unpacked bytes are bounded
 * (a zip bomb stops at the limit, it does not fill the disk).
 */
final class ZipFolder {
    private ZipFolder() {
    }

    /** @return the number of files written */
    static int unpack(byte[] zip, Path folder, int maxEntries, long maxBytes) throws IOException {
        int files = 0;
        long total = 0;
        Set<String> names = new HashSet<>();
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isDirectory()) continue;
                String name = baseName(e.getName());
                if (name.isEmpty() || name.startsWith(".") || e.getName().contains("__MACOSX")) continue;
                if (!names.add(name)) throw new IOException("two entries named " + name + " (the folder is unpacked flat)");
                if (++files > maxEntries) throw new IOException("more than " + maxEntries + " files in the zip");
                Path target = folder.resolve(name);
                if (!target.normalize().getParent().equals(folder.normalize())) throw new IOException("bad entry name " + e.getName());
                try (OutputStream out = Files.newOutputStream(target)) {
                    total = copy(in, out, buffer, total, maxBytes);
                }
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw new IOException("not a readable zip: " + e.getMessage(), e);
        }
        if (files == 0) throw new IOException("no files in the zip (send a zip of a line folder: ID.png + ID.gt.txt)");
        return files;
    }

    private static long copy(InputStream in, OutputStream out, byte[] buffer, long total, long maxBytes) throws IOException {
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > maxBytes) throw new IOException("the zip unpacks to more than " + maxBytes + " bytes");
            out.write(buffer, 0, n);
        }
        return total;
    }

    static String baseName(String entry) {
        String n = entry.replace('\\', '/');
        int slash = n.lastIndexOf('/');
        n = slash >= 0 ? n.substring(slash + 1) : n;
        StringBuilder safe = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            safe.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        return safe.toString().equals("..") ? "" : safe.toString();
    }
}
