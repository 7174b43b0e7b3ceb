package dev.ductus.spark.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model as the bytes of its file, and back, through the runtime's own file writers and readers (which take
 * paths): what travels in a broadcast is exactly what the runtime would load.
 */
final class FileBytes {
    @FunctionalInterface
    interface Writer {
        void write(Path file) throws IOException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(Path file) throws IOException;
    }

    private FileBytes() {
    }

    static byte[] of(Writer writer) {
        try {
            Path tmp = Files.createTempFile("ductus-spark", ".model");
            try {
                writer.write(tmp);
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(byte[] bytes, Reader<T> reader) {
        try {
            Path tmp = Files.createTempFile("ductus-spark", ".model");
            try {
                Files.write(tmp, bytes);
                return reader.read(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
