package dev.ductus.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipFolderTest {
    @TempDir
    Path dir;

    private static byte[] zip(String[] names, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String n : names) {
                z.putNextEntry(new ZipEntry(n));
                z.write(content);
            }
        }
        return out.toByteArray();
    }

    @Test
    void entriesAreUnpackedFlatSoNoNameLeavesTheFolder() throws IOException {
        Path into = Files.createDirectories(dir.resolve("into"));
        int n = ZipFolder.unpack(zip(new String[] {"a/b/l1.png", "../../evil.gt.txt", "/abs/x.txt", "__MACOSX/._l1.png", ".hidden"},
                "x".getBytes()), into, 10, 1000);
        assertEquals(3, n);
        assertTrue(Files.exists(into.resolve("l1.png")));
        assertTrue(Files.exists(into.resolve("evil.gt.txt")));
        assertTrue(Files.exists(into.resolve("x.txt")));
        assertTrue(!Files.exists(dir.resolve("evil.gt.txt")));
    }

    @Test
    void aBombStopsAtTheByteLimitAndTooManyEntriesAtTheCount() throws IOException {
        Path into = Files.createDirectories(dir.resolve("into"));
        byte[] zeros = new byte[100_000]; // compresses to a few hundred bytes
        IOException big = assertThrows(IOException.class, () -> ZipFolder.unpack(zip(new String[] {"a", "b"}, zeros), into, 10, 150_000));
        assertTrue(big.getMessage().contains("more than 150000 bytes"), big.getMessage());
        IOException many = assertThrows(IOException.class, () -> ZipFolder.unpack(zip(new String[] {"a", "b", "c"}, new byte[1]),
                Files.createDirectories(dir.resolve("other")), 2, 1000));
        assertTrue(many.getMessage().contains("more than 2 files"), many.getMessage());
    }

    @Test
    void notAZipAndAnEmptyZipAreRefused() throws IOException {
        Path into = Files.createDirectories(dir.resolve("into"));
        assertThrows(IOException.class, () -> ZipFolder.unpack("plain text".getBytes(), into, 10, 1000));
        assertThrows(IOException.class, () -> ZipFolder.unpack(zip(new String[0], new byte[0]), into, 10, 1000));
        assertThrows(IOException.class, () -> ZipFolder.unpack(zip(new String[] {"a/l.png", "b/l.png"}, new byte[1]), into, 10, 1000));
    }
}
