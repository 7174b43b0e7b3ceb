package dev.ductus.api.image;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads image files (PNG, JPEG, TIFF including 16-bit and multi-page, BMP) as grayscale. Rejects images above
 * a configured pixel limit before decoding them, so a huge file cannot exhaust memory.
 */
@ProviderType
public interface ImageLoader {
    /**
     * Reads every page of the file (one for most formats).
     *
     * @throws dev.ductus.api.InputException naming the file and the problem (missing, empty, corrupt, too
     *     large, 1x1, unsupported format)
     */
    List<GrayImage> read(Path file);

    /** Reads the first page. */
    default GrayImage readFirst(Path file) {
        return read(file).get(0);
    }

    /** Writes an image as 8-bit grayscale PNG, atomically (temp file + rename). */
    void writePng(GrayImage image, Path file);
}
