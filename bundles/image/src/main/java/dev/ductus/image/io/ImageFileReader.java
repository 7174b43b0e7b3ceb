package dev.ductus.image.io;

import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads PNG, JPEG, BMP, GIF and TIFF files (every page of a multi-page TIFF) as {@link GrayImage}s through the
 * JDK's ImageIO plugins. Each page's size is read from its header and checked against a pixel limit before the
 * page is decoded, so a file claiming 30000x30000 pixels is refused without allocating it. Every problem (missing,
 * empty, unsupported, corrupt, too large, smaller than 2x2) is an {@link InputException} naming the file.
 * Pages of a multi-page file are named {@code file.tif#1}, {@code file.tif#2}, ...; a single page keeps the
 * file name. Thread-safe: each call opens its own reader.
 */
public final class ImageFileReader {
    /** The default pixel limit per page: 50 megapixels, an A4 page at 600 dpi is 35. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** Formats read here; ImageIO's WBMP reader is left out because it accepts almost any bytes. */
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "bmp", "gif", "tiff");

    private static final System.Logger LOG = System.getLogger(ImageFileReader.class.getName());

    private final long maxPixels;

    public ImageFileReader(long maxPixels) {
        if (maxPixels < 4) throw new IllegalArgumentException("max pixels must be at least 4, got " + maxPixels);
        this.maxPixels = maxPixels;
    }

    public ImageFileReader() {
        this(DEFAULT_MAX_PIXELS);
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** Reads every page of the file. */
    public List<GrayImage> read(Path file) {
        String name = file.toString();
        checkFile(file, name);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw new InputException(name, "cannot open the file");
            ImageReader reader = readerFor(in, name);
            try {
                reader.setInput(in, false, true);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(collect(warnings));
                int pages = pageCount(reader, name);
                List<GrayImage> images = new ArrayList<>(pages);
                for (int page = 0; page < pages; page++) {
                    String source = pages == 1 ? name : name + "#" + (page + 1);
                    images.add(readPage(reader, page, source));
                    checkWarnings(warnings, source);
                }
                return images;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InputException(name, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static void checkFile(Path file, String name) {
        if (!Files.exists(file)) throw new InputException(name, "file not found");
        if (!Files.isRegularFile(file)) throw new InputException(name, "not a regular file");
        if (!Files.isReadable(file)) throw new InputException(name, "file is not readable");
        try {
            if (Files.size(file) == 0) throw new InputException(name, "empty file (0 bytes)");
        } catch (IOException e) {
            throw new InputException(name, "cannot read the file size: " + e.getMessage(), e);
        }
    }

    private static ImageReader readerFor(ImageInputStream in, String name) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        String refused = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (isAccepted(r)) return r;
            refused = formatOf(r);
            r.dispose();
        }
        throw new InputException(name, "unsupported image format"
                + (refused == null ? "" : " (" + refused + ")") + ": expected PNG, JPEG, BMP, GIF or TIFF");
    }

    private static boolean isAccepted(ImageReader reader) {
        if (reader.getOriginatingProvider() == null) return FORMATS.contains(formatOf(reader));
        for (String name : reader.getOriginatingProvider().getFormatNames()) {
            if (FORMATS.contains(name.toLowerCase(Locale.ROOT))) return true;
        }
        return false;
    }

    private static String formatOf(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int pageCount(ImageReader reader, String name) {
        try {
            int n = reader.getNumImages(true);
            if (n <= 0) throw new InputException(name, "the file holds no image");
            return n;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) throw ie;
            throw new InputException(name, "corrupt image data: " + describe(e), e);
        }
    }

    private GrayImage readPage(ImageReader reader, int page, String source) {
        int w;
        int h;
        try {
            w = reader.getWidth(page);
            h = reader.getHeight(page);
        } catch (IOException | RuntimeException e) {
            throw new InputException(source, "corrupt image header: " + describe(e), e);
        }
        long pixels = (long) w * h;
        if (w <= 0 || h <= 0) throw new InputException(source, "image header gives an empty size " + w + "x" + h);
        if (pixels > maxPixels) {
            throw new InputException(source, "image is " + w + "x" + h + " = " + pixels
                    + " pixels, above the limit of " + maxPixels + " (max.pixels)");
        }
        if (w < 2 || h < 2) {
            throw new InputException(source, "image is only " + w + "x" + h + " pixels; at least 2x2 is needed");
        }
        BufferedImage image;
        try {
            image = reader.read(page);
        } catch (IOException | RuntimeException e) {
            String why = describe(e);
            // e.g. CMYK JPEGs, which the JDK decoder refuses: the file is fine, we cannot read it
            boolean unsupported = why.toLowerCase(Locale.ROOT).contains("unsupported");
            throw new InputException(source, (unsupported ? "unsupported image type: " : "corrupt image data: ") + why, e);
        }
        if (image == null) throw new InputException(source, "corrupt image data: the decoder returned nothing");
        return GrayImages.fromBufferedImage(image, source);
    }

    /**
     * A truncated JPEG decodes with only a warning and gray where the data ends; that is a corrupt file here.
     * Other warnings (e.g. extraneous bytes between markers) leave a good image and are only logged.
     */
    private static void checkWarnings(List<String> warnings, String source) {
        for (String warning : warnings) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("truncated") || w.contains("premature end")) {
                throw new InputException(source, "corrupt image data: " + warning);
            }
            LOG.log(System.Logger.Level.WARNING, "{0}: {1}", source, warning);
        }
        warnings.clear();
    }

    private static IIOReadWarningListener collect(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && (m == null || !m.contains(cause.getMessage()))) {
            m = (m == null ? "" : m + ": ") + cause.getMessage();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
