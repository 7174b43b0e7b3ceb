package dev.ductus.data.fetch;

import dev.ductus.api.InputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Extracts a gzipped tar (ustar, with GNU long names and pax path records, as npm writes them) into a folder.
 * Only regular files and folders are written; links are skipped; an entry whose path would leave the target
 * folder (absolute, or with {@code ..}) fails the whole extraction.
 */
public final class TarGzExtractor {
    private static final int BLOCK = 512;

    private TarGzExtractor() {
    }

    /** @return the number of files written */
    public static int extract(Path tgz, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        int files = 0;
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (true) {
                if (!readBlock(in, header, tgz)) break;
                if (isZero(header)) break;
                String name = longName != null ? longName : headerName(header);
                longName = null;
                long size = octal(header, 124, 12, tgz);
                char type = (char) header[156];
                if (type == 'L' || type == 'x') {
                    byte[] data = readData(in, size, tgz);
                    String next = type == 'L' ? cString(data, 0, data.length) : paxPath(data);
                    if (next != null) longName = next;
                    continue;
                }
                if (type == 'g') {
                    readData(in, size, tgz);
                    continue;
                }
                Path out = resolveInside(root, name, tgz);
                if (type == '5') {
                    Files.createDirectories(out);
                } else if (type == '0' || type == '\0' || type == '7') {
                    Files.createDirectories(out.getParent());
                    try (OutputStream os = Files.newOutputStream(out)) {
                        copy(in, os, size, tgz);
                    }
                    skipPadding(in, size, tgz);
                    files++;
                } else {
                    // Symbolic and hard links could point outside the target: never follow or create them.
                    skip(in, padded(size), tgz);
                }
            }
        }
        return files;
    }

    static Path resolveInside(Path root, String name, Path tgz) {
        if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.contains(":")) {
            throw new InputException(tgz.toString(), "refusing tar entry with an absolute path: '" + name + "'");
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) throw new InputException(tgz.toString(), "refusing tar entry with '..': " + name);
        }
        Path out = root.resolve(name).normalize();
        if (!out.startsWith(root)) {
            throw new InputException(tgz.toString(), "refusing tar entry outside the target folder: " + name);
        }
        return out;
    }

    private static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(byte[] data) {
        // Records are "LEN key=value\n"; only the path matters here.
        String text = new String(data, StandardCharsets.UTF_8);
        for (String record : text.split("\n")) {
            int space = record.indexOf(' ');
            if (space < 0) continue;
            String kv = record.substring(space + 1);
            if (kv.startsWith("path=")) return kv.substring(5);
        }
        return null;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len, Path tgz) {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int c = b[i];
            if (c == 0 || c == ' ') continue;
            if (c < '0' || c > '7') throw new InputException(tgz.toString(), "corrupt tar header (size field)");
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static boolean readBlock(InputStream in, byte[] block, Path tgz) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) return false;
        if (n < BLOCK) throw new InputException(tgz.toString(), "truncated tar archive");
        return true;
    }

    private static byte[] readData(InputStream in, long size, Path tgz) throws IOException {
        if (size > (1 << 20)) throw new InputException(tgz.toString(), "tar metadata record too large");
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) throw new InputException(tgz.toString(), "truncated tar archive");
        skipPadding(in, size, tgz);
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size, Path tgz) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) throw new InputException(tgz.toString(), "truncated tar archive");
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static void skipPadding(InputStream in, long size, Path tgz) throws IOException {
        skip(in, padded(size) - size, tgz);
    }

    private static void skip(InputStream in, long n, Path tgz) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new InputException(tgz.toString(), "truncated tar archive", e);
        }
    }
}
