package dev.ductus.data;

import dev.ductus.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes recognised text as UTF-8, one text line per line, atomically. */
public final class PlainTextWriter {
    private PlainTextWriter() {
    }

    public static void write(Path file, String text) throws IOException {
        String normalized = text.replace("\r\n", "\n");
        AtomicFiles.writeString(file, normalized.endsWith("\n") || normalized.isEmpty() ? normalized : normalized + "\n");
    }

    public static void write(Path file, List<String> lines) throws IOException {
        write(file, String.join("\n", lines));
    }
}
