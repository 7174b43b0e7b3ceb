package dev.ductus.lm.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The lines of a UTF-8 text file, read afresh on each iteration (training reads its corpus twice). */
public final class TextLines implements Iterable<String> {
    private final Path file;

    public TextLines(Path file) {
        this.file = file;
    }

    @Override
    public Iterator<String> iterator() {
        final BufferedReader in;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Iterator<>() {
            String next = read();

            private String read() {
                try {
                    String l = in.readLine();
                    if (l == null) in.close();
                    return l;
                } catch (IOException e) {
                    throw new UncheckedIOException(file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public String next() {
                if (next == null) throw new NoSuchElementException();
                String l = next;
                next = read();
                return l;
            }
        };
    }
}
