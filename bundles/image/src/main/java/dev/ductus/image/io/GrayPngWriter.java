package dev.ductus.image.io;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.image.GrayImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes a {@link GrayImage} as an 8-bit grayscale PNG through {@link AtomicFiles}, so a reader (or a crash)
 * never sees half a file. Intensities are rounded to the nearest of 256 levels.
 */
public final class GrayPngWriter {
    private GrayPngWriter() {
    }

    /** @throws UncheckedIOException naming the file when it cannot be written */
    public static void write(GrayImage image, Path file) {
        var buffered = GrayImages.toBufferedImage(image);
        try {
            AtomicFiles.write(file, out -> {
                if (!ImageIO.write(buffered, "png", out)) throw new IOException("no PNG writer available");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write PNG: " + e.getMessage(), e);
        }
    }
}
