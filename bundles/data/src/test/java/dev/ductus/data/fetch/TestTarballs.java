package dev.ductus.data.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes tiny .tgz files (ustar headers, GNU long names when needed) for the fetch and extract tests. */
public final class TestTarballs {
    private TestTarballs() {
    }

    public static byte[] tgz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String name = e.getKey();
                byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
                if (nameBytes.length > 99) {
                    byte[] longName = (name + "\0").getBytes(StandardCharsets.UTF_8);
                    out.write(header("././@LongLink", longName.length, 'L'));
                    out.write(longName);
                    out.write(new byte[pad(longName.length)]);
                    name = name.substring(0, 99);
                }
                byte[] data = e.getValue();
                out.write(header(name, data == null ? 0 : data.length, data == null ? '5' : '0'));
                if (data != null) {
                    out.write(data);
                    out.write(new byte[pad(data.length)]);
                }
            }
            out.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    public static Path write(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, tgz(entries));
        return file;
    }

    private static int pad(int n) {
        return (512 - n % 512) % 512;
    }

    private static byte[] header(String name, long size, char type) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        put(h, 100, String.format("%07o", 0644));
        put(h, 108, String.format("%07o", 0));
        put(h, 116, String.format("%07o", 0));
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        h[262] = 0;
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) h[i] = ' ';
        int sum = 0;
        for (byte b : h) sum += b & 0xff;
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
