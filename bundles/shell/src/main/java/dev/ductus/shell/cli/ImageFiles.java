package dev.ductus.shell.cli;

import dev.ductus.api.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Expands the FILE|DIR arguments of a verb into the image files to read, in a stable order. */
public final class ImageFiles {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif");

    private ImageFiles() {
    }

    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    public static List<Path> expand(List<String> args) {
        List<Path> out = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new InputException(a, "cannot list the folder: " + e.getMessage(), e);
                }
            } else {
                // a missing or non-image file is reported by the loader, with the file name
                out.add(p);
            }
        }
        return out;
    }

    /** The id of an image file: its name without the extension (tesstrain convention). */
    public static String id(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
