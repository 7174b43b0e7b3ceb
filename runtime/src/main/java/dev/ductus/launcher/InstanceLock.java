package dev.ductus.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The framework state (Felix cache, ConfigAdmin's copies of the configurations) of one {@code ductus run}: a
 * folder per (distribution, config folder) under the user's cache, held by an exclusive file lock while the
 * instance runs. A second instance on the same state is refused with one line; one with another config folder
 * gets its own state instead of starting with the first one's configurations.
 */
final class InstanceLock implements AutoCloseable {
    private final Path storage;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path storage, FileChannel channel, FileLock lock) {
        this.storage = storage;
        this.channel = channel;
        this.lock = lock;
    }

    /** {@code <cache>/felix/<12 hex of SHA-256 of home and config folder>}. */
    static Path defaultStorage(Path cache, Path home, Path configDir) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((home.toAbsolutePath().normalize() + "\n"
                    + configDir.toAbsolutePath().normalize()).getBytes(StandardCharsets.UTF_8));
            return cache.resolve("felix").resolve(HexFormat.of().formatHex(d, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Locks the storage folder (creating it) for this process.
     *
     * @throws LaunchException when another instance holds it
     */
    static InstanceLock acquire(Path storage) throws IOException {
        Files.createDirectories(storage);
        Path file = storage.resolve(".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new LaunchException("another `ductus run` is using the framework state " + storage
                    + "; stop it, or give this one its own with --storage DIR");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        return new InstanceLock(storage, channel, lock);
    }

    Path storage() {
        return storage;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
