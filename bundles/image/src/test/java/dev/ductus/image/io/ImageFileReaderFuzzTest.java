package dev.ductus.image.io;

import dev.ductus.api.image.GrayImage;
import dev.ductus.testfuzz.Mutations;
import dev.ductus.testfuzz.ReaderFuzz;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link ImageFileReader} with mutations of small valid PNG, JPEG, BMP, GIF and 2-page TIFF files (flipped
 * and overwritten bytes, 4-byte fields set to huge values, truncation, inserted, deleted and duplicated
 * chunks): every input is read (every page decoded) or refused with an InputException naming the file, within
 * 5 s and 256 MB of heap ({@link ReaderFuzz}). 10,000 inputs per format in CI, with a fixed seed; a longer run:
 * <pre>
 * mvn -B -ntp -o install -pl bundles/image -Dtest=ImageFileReaderFuzzTest -Dductus.fuzz.tries=1000000
 * </pre>
 * An input that failed is kept as a regression test in {@link ImageFileReaderTest}.
 */
class ImageFileReaderFuzzTest {
    private static final Path DIR = tempDir();
    /** A small pixel limit: a mutated header may claim up to this many pixels and be decoded. */
    private static final ImageFileReader READER = new ImageFileReader(1 << 20, 1 << 22);
    private static final ReaderFuzz FUZZ = new ReaderFuzz("ImageFileReader");
    private static final byte[] PNG = encode("png", image(BufferedImage.TYPE_BYTE_GRAY));
    private static final byte[] PNG_RGB = encode("png", image(BufferedImage.TYPE_INT_RGB));
    private static final byte[] JPEG = encode("jpeg", image(BufferedImage.TYPE_BYTE_GRAY));
    private static final byte[] BMP = encode("bmp", image(BufferedImage.TYPE_3BYTE_BGR));
    private static final byte[] GIF = encode("gif", image(BufferedImage.TYPE_BYTE_GRAY));
    private static final byte[] TIFF = tiffBytes();
    /** The reader logs the warnings of files it reads anyway (thousands here); kept quiet while fuzzing. */
    private static final java.util.logging.Logger QUIET = quiet();

    @Test
    void png() {
        campaign("png", 20261203, "line.png", rnd -> Mutations.random(rnd.nextBoolean() ? PNG_RGB : PNG, rnd));
    }

    @Test
    void jpeg() {
        campaign("jpeg", 20261204, "line.jpg", rnd -> Mutations.random(JPEG, rnd));
    }

    @Test
    void tiff() {
        campaign("tiff", 20261205, "pages.tif", rnd -> Mutations.random(TIFF, rnd));
    }

    @Test
    void bmp() {
        campaign("bmp", 20261206, "line.bmp", rnd -> Mutations.random(BMP, rnd));
    }

    @Test
    void gif() {
        campaign("gif", 20261207, "line.gif", rnd -> Mutations.random(GIF, rnd));
    }

    private static void campaign(String name, long seed, String fileName, ReaderFuzz.Case caseOf) {
        FUZZ.campaign(name, seed, DIR.resolve(fileName), caseOf, file -> {
            List<GrayImage> pages = READER.read(file);
            for (int i = 0; i < pages.size(); i++) pages.get(i);
        });
    }

    @AfterAll
    static void report() throws IOException {
        System.out.println(FUZZ.summary());
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** 20x10 with a gradient and a dark stroke, so every encoder has something to encode. */
    private static BufferedImage image(int type) {
        BufferedImage img = new BufferedImage(20, 10, type);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                int v = y == 4 && x > 2 && x < 17 ? 20 : 128 + 6 * x - 5 * y;
                img.setRGB(x, y, (v << 16) | (Math.min(255, v + 30) << 8) | v);
            }
        }
        return img;
    }

    private static byte[] encode(String format, BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no " + format + " writer");
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] tiffBytes() {
        try {
            return TiffBytes.write(2, 20, 10, true).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(ImageFileReader.class.getName());
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("image-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
