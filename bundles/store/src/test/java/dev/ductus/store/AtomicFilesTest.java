package dev.ductus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    /** Defect: outputs were written 0600 regardless of the umask (a temporary file renamed into place). */
    @Test
    void aNewFileGetsTheUmasksPermissionsAndAReplacedOneKeepsItsOwn() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path written = dir.resolve("out.txt");
        AtomicFiles.writeString(written, "one");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
        Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.writeString(written, "two");
        assertEquals("two", Files.readString(written));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(written));
        try (var left = Files.list(dir)) {
            assertEquals(2, left.count(), "no temporary file left behind");
        }
    }
}
