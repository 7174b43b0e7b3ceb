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
 * JDK's ImageIO plugins. Every page's size is read from its header and checked before any page is decoded:
 * against a pixel limit per page, so a file claiming 30000x30000 pixels is refused without allocating it, and
 * against a pixel budget for the whole file, so 40 pages of 7000x7000 sharing one 52 KB deflate strip are
 * refused too. A multi-page file's pages are decoded one at a time, when asked for ({@link LazyPages}). A TIFF's
 * pages are counted by {@link TiffDirectoryChain}, never by the JDK reader, whose count loops forever on a
 * directory that points to itself. Every problem (missing, empty, unsupported, corrupt, too large, smaller than
 * 2x2) is an {@link InputException} naming the file. A PNG's chunk CRCs are checked ({@link PngChunks}: the JDK reader
 * skips them); a JPEG is turned as its EXIF orientation says ({@link ExifOrientation}: the JDK reader ignores it). Pages of a multi-page file are named {@code file.tif#1},
 * {@code file.tif#2}, ...; a single page keeps the file name. Thread-safe: each call opens its own reader.
 */
public final class ImageFileReader {
    /** The default pixel limit per page: 50 megapixels, an A4 page at 600 dpi is 35. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** The default pixel budget per file, all pages together: ten pages at the per-page limit, 57 A4 pages at 300 dpi. */
    public static final long DEFAULT_MAX_FILE_PIXELS = 500_000_000L;
    /** The largest page one float array can hold, whatever max.pixels says. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Formats read here; ImageIO's WBMP reader is left out because it accepts almost any bytes. */
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "bmp", "gif", "tiff");

    private static final System.Logger LOG = System.getLogger(ImageFileReader.class.getName());

    private final long maxPixels;
    private final long maxFilePixels;

    /**
     * @param maxPixels the limit per page (width x height from the header)
     * @param maxFilePixels the budget for all pages of a file together; never below {@code maxPixels}, so a
     *     single page the per-page limit admits is always admitted
     */
    public ImageFileReader(long maxPixels, long maxFilePixels) {
        if (maxPixels < 4) throw new IllegalArgumentException("max pixels must be at least 4, got " + maxPixels);
        if (maxFilePixels < 4) throw new IllegalArgumentException("max file pixels must be at least 4, got " + maxFilePixels);
        this.maxPixels = maxPixels;
        this.maxFilePixels = Math.max(maxPixels, maxFilePixels);
    }

    public ImageFileReader(long maxPixels) {
        this(maxPixels, DEFAULT_MAX_FILE_PIXELS);
    }

    public ImageFileReader() {
        this(DEFAULT_MAX_PIXELS);
    }

    public long maxPixels() {
        return maxPixels;
    }

    public long maxFilePixels() {
        return maxFilePixels;
    }

    /**
     * Reads the file: its first page at once, the others (of a multi-page file) when the returned list is asked
     * for them. Every page's header has been checked when this returns; a page that turns out corrupt when it is
     * decoded later throws an {@link InputException} naming that page from {@link List#get}.
     */
    public List<GrayImage> read(Path file) {
        String name = file.toString();
        return withReader(file, name, (reader, warnings) -> {
            int pages = isTiff(reader) ? TiffDirectoryChain.pageCount(file, name) : pageCount(reader, name);
            checkHeaders(reader, pages, name);
            String format = formatOf(reader);
            if (format.equals("png")) {
                for (String w : PngChunks.check(file, name)) LOG.log(System.Logger.Level.WARNING, "{0}: {1}", name, w);
            }
            GrayImage first = decode(reader, 0, pageName(name, pages, 0), warnings);
            if (format.equals("jpeg")) first = ExifOrientation.apply(first, ExifOrientation.ofJpeg(file));
            if (pages == 1) return List.of(first);
            return new LazyPages(pages, first, page -> readPage(file, name, pages, page));
        });
    }

    /** Page {@code page} of a file already read once: opened again, its header checked again, then decoded. */
    private GrayImage readPage(Path file, String name, int pages, int page) {
        String source = pageName(name, pages, page);
        return withReader(file, name, (reader, warnings) -> {
            headerPixels(reader, page, source);
            return decode(reader, page, source, warnings);
        });
    }

    /** What is done with a file's reader while the file is open. */
    @FunctionalInterface
    private interface ReaderTask<T> {
        T run(ImageReader reader, List<String> warnings);
    }

    private static <T> T withReader(Path file, String name, ReaderTask<T> task) {
        checkFile(file, name);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw new InputException(name, "cannot open the file");
            ImageReader reader = readerFor(in, name);
            try {
                reader.setInput(in, false, true);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(collect(warnings));
                return task.run(reader, warnings);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InputException(name, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static String pageName(String name, int pages, int page) {
        return pages == 1 ? name : name + "#" + (page + 1);
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

    private static ImageReader readerFor(ImageInputStream in, String name) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        String refused = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (isAccepted(r)) return r;
            refused = formatOf(r);
            r.dispose();
        }
        if (isBigTiff(in)) throw new InputException(name, "BigTIFF (64-bit offsets) is not supported: save it as a classic TIFF");
        throw new InputException(name, "unsupported image format"
                + (refused == null ? "" : " (" + refused + ")") + ": expected PNG, JPEG, BMP, GIF or TIFF");
    }

    /** {@code II 43 0} or {@code MM 0 43}: the JDK has no BigTIFF reader, so no reader claims these files. */
    private static boolean isBigTiff(ImageInputStream in) throws IOException {
        byte[] b = new byte[4];
        in.mark();
        try {
            if (in.read(b) != 4) return false;
        } finally {
            in.reset();
        }
        return (b[0] == 'I' && b[1] == 'I' && b[2] == 43 && b[3] == 0) || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 43);
    }

    private static boolean isTiff(ImageReader reader) {
        if (reader.getOriginatingProvider() == null) return formatOf(reader).startsWith("tif");
        for (String name : reader.getOriginatingProvider().getFormatNames()) {
            if (name.equalsIgnoreCase("tiff")) return true;
        }
        return false;
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

    /** The page count of a format other than TIFF; the readers of these formats stop at the end of the file. */
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

    /**
     * Checks every page's header against the per-page limit and the pages' sum against the file budget, before
     * any page is decoded: decoding all pages of a crafted file would exhaust memory long before its last page.
     */
    private void checkHeaders(ImageReader reader, int pages, String name) {
        long total = 0;
        for (int page = 0; page < pages; page++) {
            total += headerPixels(reader, page, pageName(name, pages, page));
        }
        if (total > maxFilePixels) {
            throw new InputException(name, pages + " pages with " + total + " pixels in all, above the limit of "
                    + maxFilePixels + " per file (max.file.pixels)");
        }
    }

    /** Width x height of the page from its header (nothing is decoded), refused when empty, tiny or too large. */
    private long headerPixels(ImageReader reader, int page, String source) {
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
        long limit = Math.min(maxPixels, MAX_ARRAY);
        if (pixels > limit) {
            throw new InputException(source, "image is " + w + "x" + h + " = " + pixels
                    + " pixels, above the limit of " + limit + " (max.pixels)");
        }
        if (w < 2 || h < 2) {
            throw new InputException(source, "image is only " + w + "x" + h + " pixels; at least 2x2 is needed");
        }
        return pixels;
    }

    /** Decodes a page whose header {@link #headerPixels} has accepted. */
    private static GrayImage decode(ImageReader reader, int page, String source, List<String> warnings) {
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
        checkWarnings(warnings, source);
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
