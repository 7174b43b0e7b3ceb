package dev.ductus.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defect: two `ductus run` on one install shared one unlocked Felix cache and so each other's configurations. */
class InstanceLockTest {
    @TempDir
    Path dir;

    @Test
    void eachConfigFolderHasItsOwnStateAndASecondInstanceOnOneStateIsRefused() throws Exception {
        Path home = dir.resolve("ductus");
        Path a = InstanceLock.defaultStorage(dir.resolve("cache"), home, dir.resolve("config-a"));
        Path b = InstanceLock.defaultStorage(dir.resolve("cache"), home, dir.resolve("config-b"));
        assertNotEquals(a, b);
        assertEquals(a, InstanceLock.defaultStorage(dir.resolve("cache"), home, dir.resolve("config-a/../config-a")));
        assertTrue(a.startsWith(dir.resolve("cache").resolve("felix")), a.toString());
        try (InstanceLock first = InstanceLock.acquire(a); InstanceLock other = InstanceLock.acquire(b)) {
            LaunchException e = assertThrows(LaunchException.class, () -> InstanceLock.acquire(a));
            assertTrue(e.getMessage().contains("another `ductus run`") && e.getMessage().contains(a.toString())
                    && e.getMessage().contains("--storage"), e.getMessage());
        }
        InstanceLock.acquire(a).close(); // released with its instance
    }
}
