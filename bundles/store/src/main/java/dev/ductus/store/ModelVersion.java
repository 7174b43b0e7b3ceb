package dev.ductus.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Which model produced a result: the stage's name, the files it was loaded from and the SHA-256 of their content
 * (in order), so two results with the same {@link #id()} came from byte-identical model files.
 *
 * @param name     the stage's name, e.g. {@code crnn-digits}
 * @param files    the files the model was loaded from
 * @param sha256   hex SHA-256 over the files' bytes, one file after the other
 * @param bytes    their total size
 * @param loadedAt when this content was loaded
 */
public record ModelVersion(String name, List<Path> files, String sha256, long bytes, Instant loadedAt) {
    public ModelVersion {
        files = List.copyOf(files);
    }

    /** {@code name@} and the first 12 hex digits of the SHA-256, e.g. {@code crnn-digits@3fa29c01be77}. */
    public String id() {
        return name + "@" + sha256.substring(0, Math.min(12, sha256.length()));
    }

    @Override
    public String toString() {
        return id();
    }
}
