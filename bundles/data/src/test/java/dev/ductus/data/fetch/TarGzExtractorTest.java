package dev.ductus.data.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzExtractorTest {
    @TempDir
    Path dir;

    @Test
    void extractsFilesFoldersAndLongNames() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/", null);
        entries.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        String longName = "package/" + "d".repeat(60) + "/" + "f".repeat(60) + ".ttf";
        entries.put(longName, new byte[700]);
        Path tgz = TestTarballs.write(dir.resolve("a.tgz"), entries);

        int files = TarGzExtractor.extract(tgz, dir.resolve("out"));

        assertEquals(2, files);
        assertEquals("{}", Files.readString(dir.resolve("out/package/package.json")));
        assertArrayEquals(new byte[700], Files.readAllBytes(dir.resolve("out").resolve(longName)));
    }

    @Test
    void rejectsPathTraversal() throws Exception {
        Path tgz = TestTarballs.write(dir.resolve("evil.tgz"), Map.of("package/../../evil.txt", new byte[3]));
        InputException e = assertThrows(InputException.class, () -> TarGzExtractor.extract(tgz, dir.resolve("out")));
        assertTrue(e.getMessage().contains("evil.tgz") && e.getMessage().contains(".."), e.getMessage());
        assertFalse(Files.exists(dir.resolve("evil.txt")));
    }

    @Test
    void rejectsAbsolutePaths() throws Exception {
        Path tgz = TestTarballs.write(dir.resolve("abs.tgz"), Map.of("/tmp/evil.txt", new byte[3]));
        assertThrows(InputException.class, () -> TarGzExtractor.extract(tgz, dir.resolve("out")));
    }

    @Test
    void reportsTruncatedArchive() throws Exception {
        byte[] whole = TestTarballs.tgz(Map.of("package/x.bin", new byte[5000]));
        // A valid gzip stream of a truncated tar: re-compress the first 700 bytes of the tar.
        byte[] tar = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(whole)).readAllBytes();
        java.io.ByteArrayOutputStream cut = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(cut)) {
            gz.write(tar, 0, 700);
        }
        Path tgz = dir.resolve("cut.tgz");
        Files.write(tgz, cut.toByteArray());
        InputException e = assertThrows(InputException.class, () -> TarGzExtractor.extract(tgz, dir.resolve("out")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
