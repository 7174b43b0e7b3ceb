package dev.ductus.image.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFileReaderTest {
    @TempDir
    Path dir;

    private final ImageFileReader reader = new ImageFileReader();

    @Test
    void pngRoundTripKeepsEveryLevel() throws IOException {
        float[] p = new float[16 * 16];
        for (int i = 0; i < p.length; i++) p[i] = i / 255f;
        GrayImage img = new GrayImage(16, 16, p);
        Path file = dir.resolve("levels.png");
        GrayPngWriter.write(img, file);
        List<GrayImage> pages = reader.read(file);
        assertEquals(1, pages.size());
        GrayImage back = pages.get(0);
        assertEquals(file.toString(), back.source());
        assertArrayEquals(p, back.pixels(), 1e-6f);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void sixteenBitGrayTiffKeepsItsPrecision() throws IOException {
        int[] values = {0, 1000, 32768, 65535, 257, 40000};
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSamples(0, 0, 3, 2, 0, values);
        Path file = dir.resolve("deep.tif");
        assertTrue(ImageIO.write(img, "tiff", file.toFile()));
        GrayImage back = reader.read(file).get(0);
        for (int i = 0; i < values.length; i++) {
            // 1000 / 65535 = 0.015259; an 8-bit truncation would give 3 / 255 = 0.011765
            assertEquals(values[i] / 65535.0, back.pixels()[i], 1e-6, "sample " + values[i]);
        }
    }

    @Test
    void sixteenBitGrayPngKeepsItsPrecision() throws IOException {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSamples(0, 0, 2, 2, 0, new int[] {1000, 2000, 65535, 0});
        Path file = dir.resolve("deep.png");
        ImageIO.write(img, "png", file.toFile());
        assertArrayEquals(new float[] {1000 / 65535f, 2000 / 65535f, 1, 0}, reader.read(file).get(0).pixels(), 1e-6f);
    }

    @Test
    void multiPageTiffGivesEveryPage() throws IOException {
        Path file = dir.resolve("pages.tif");
        int[][] sizes = {{4, 3}, {5, 2}, {2, 6}};
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int page = 0; page < sizes.length; page++) {
                BufferedImage img = new BufferedImage(sizes[page][0], sizes[page][1], BufferedImage.TYPE_BYTE_GRAY);
                int[] v = new int[sizes[page][0] * sizes[page][1]];
                Arrays.fill(v, 50 * (page + 1));
                img.getRaster().setSamples(0, 0, sizes[page][0], sizes[page][1], 0, v);
                writer.writeToSequence(new IIOImage(img, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        List<GrayImage> pages = reader.read(file);
        assertEquals(3, pages.size());
        for (int page = 0; page < 3; page++) {
            GrayImage img = pages.get(page);
            assertEquals(file + "#" + (page + 1), img.source());
            assertEquals(sizes[page][0], img.width());
            assertEquals(sizes[page][1], img.height());
            assertEquals(50 * (page + 1) / 255f, img.get(1, 1), 1e-6f);
        }
    }

    @Test
    void colourAlphaAndPaletteBecomeLuminanceOnWhite() throws IOException {
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xffff0000);  // opaque red
        argb.setRGB(1, 0, 0xff00ff00);  // opaque green
        argb.setRGB(0, 1, 0x80000000);  // half-transparent black
        argb.setRGB(1, 1, 0x00000000);  // fully transparent: paper
        Path file = dir.resolve("rgba.png");
        ImageIO.write(argb, "png", file.toFile());
        float[] p = reader.read(file).get(0).pixels();
        assertEquals(0.299, p[0], 1e-3);
        assertEquals(0.587, p[1], 1e-3);
        assertEquals(1 - 128 / 255.0, p[2], 1e-3);
        assertEquals(1, p[3], 1e-6);

        BufferedImage indexed = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.setRGB(0, 0, 0xff0000ff);
        indexed.setRGB(1, 0, 0xffffffff);
        Path gif = dir.resolve("palette.gif");
        ImageIO.write(indexed, "gif", gif.toFile());
        Path png = dir.resolve("palette.png");
        ImageIO.write(indexed, "png", png.toFile());
        for (Path f : List.of(gif, png)) {
            float[] q = reader.read(f).get(0).pixels();
            assertEquals(0.114, q[0], 0.01, f.toString());
            assertEquals(1, q[1], 1e-6, f.toString());
        }
    }

    @Test
    void readsJpegAndBmp() throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 16, 16);
        g.setColor(new java.awt.Color(64, 64, 64));
        g.fillRect(0, 0, 8, 16);
        g.dispose();
        for (String format : List.of("jpeg", "bmp")) {
            Path file = dir.resolve("block." + format);
            assertTrue(ImageIO.write(img, format, file.toFile()), format);
            GrayImage back = reader.read(file).get(0);
            assertEquals(64 / 255.0, back.get(3, 8), 0.03, format);
            assertEquals(1, back.get(12, 8), 0.03, format);
        }
    }

    @Test
    void missingEmptyCorruptAndUnsupportedFilesNameTheFile() throws IOException {
        Path missing = dir.resolve("missing.png");
        assertProblem(missing, "not found");

        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertProblem(empty, "empty");

        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not an image at all", StandardCharsets.UTF_8);
        assertProblem(text, "unsupported image format");

        Path garbage = dir.resolve("garbage.png");
        byte[] bytes = png(12, 12);
        byte[] broken = Arrays.copyOf(bytes, bytes.length);
        for (int i = 33; i < broken.length - 12; i++) broken[i] = (byte) (i * 31);
        Files.write(garbage, broken);
        assertProblem(garbage, "corrupt");

        Path truncated = dir.resolve("truncated.png");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertProblem(truncated, "corrupt");

        // the JPEG decoder only warns about a missing end and fills gray: still a corrupt file
        BufferedImage photo = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        photo.getRaster().setSamples(0, 0, 64, 64, 0, java.util.stream.IntStream.range(0, 64 * 64).map(i -> (i * 7) & 0xff).toArray());
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpeg", jpeg);
        Path cut = dir.resolve("cut.jpg");
        Files.write(cut, Arrays.copyOf(jpeg.toByteArray(), jpeg.size() / 2));
        assertProblem(cut, "corrupt");
    }

    @Test
    void aOneByOneImageIsNotALine() throws IOException {
        Path file = dir.resolve("dot.png");
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
        assertProblem(file, "at least 2x2");
        Path row = dir.resolve("row.png");
        ImageIO.write(new BufferedImage(50, 1, BufferedImage.TYPE_BYTE_GRAY), "png", row.toFile());
        assertProblem(row, "at least 2x2");
    }

    @Test
    void aHugeHeaderIsRefusedWithoutDecoding() throws IOException {
        // a 57-byte PNG that claims 30000 x 30000 pixels: decoding it would need 900 MB (3.6 GB as floats)
        Path file = dir.resolve("bomb.png");
        Files.write(file, pngHeaderOnly(30000, 30000));
        assertTrue(Files.size(file) < 100);
        InputException e = assertProblem(file, "above the limit of 50000000");
        assertTrue(e.getMessage().contains("30000x30000"), e.getMessage());
        // the file has no pixel data: had the reader decoded it, it would have reported corrupt data instead
    }

    @Test
    void theLimitIsConfigurable() throws IOException {
        Path file = dir.resolve("small.png");
        Files.write(file, png(20, 20));
        assertEquals(1, new ImageFileReader(400).read(file).size());
        InputException e = assertThrows(InputException.class, () -> new ImageFileReader(399).read(file));
        assertTrue(e.getMessage().contains("400 pixels, above the limit of 399"), e.getMessage());
    }

    @Test
    void aTiffWhoseDirectoryPointsToItselfIsRefusedQuickly() throws IOException {
        TiffBytes tiff = TiffBytes.write(1, 2, 2, false);
        Path good = dir.resolve("good.tif");
        Files.write(good, tiff.toArray());
        assertEquals(1, reader.read(good).size(), "unpatched, the file is a valid one-page TIFF");

        int first = tiff.directories().get(0);
        tiff.setNext(first, first);
        Path loop = dir.resolve("loop.tif");
        Files.write(loop, tiff.toArray());
        // the JDK reader's getNumImages(true) never returns on this file
        InputException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertProblem(loop, "corrupt TIFF: the directory chain loops"));
        assertTrue(e.getMessage().contains("page 1 points back to page 1 at offset " + first), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aMultiPageTiffAboveTheFilePixelBudgetIsRefusedBeforeDecoding() throws IOException {
        // 40 pages whose headers claim 7000 x 7000 (49 MP each, under the per-page limit) over 2 x 2 pixels of data:
        // decoding them all as floats would take 7.8 GB
        TiffBytes tiff = TiffBytes.write(40, 2, 2, false);
        for (int ifd : tiff.directories()) {
            tiff.setField(ifd, TiffBytes.IMAGE_WIDTH, 7000);
            tiff.setField(ifd, TiffBytes.IMAGE_LENGTH, 7000);
        }
        Path file = dir.resolve("pages.tif");
        Files.write(file, tiff.toArray());
        assertTrue(Files.size(file) < 10_000, "a small file: " + Files.size(file));

        InputException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertProblem(file,
                "40 pages with 1960000000 pixels in all, above the limit of 500000000 per file (max.file.pixels)"));
        assertEquals(file.toString(), e.source());
        // Decoding any page fails on its 4 bytes of data, as a budget that admits the file shows: so the refusal
        // above came from the headers alone, before any page was decoded.
        InputException decoded = assertThrows(InputException.class,
                () -> new ImageFileReader(ImageFileReader.DEFAULT_MAX_PIXELS, 2_000_000_000L).read(file));
        assertEquals(file + "#1", decoded.source());
        assertTrue(decoded.getMessage().contains("corrupt image data"), decoded.getMessage());
    }

    @Test
    void theFileBudgetIsConfigurableAndNeverBelowThePageLimit() throws IOException {
        Path file = dir.resolve("three.tif");
        Files.write(file, TiffBytes.write(3, 4, 5, true).toArray());
        assertEquals(3, new ImageFileReader(20, 60).read(file).size());
        InputException e = assertThrows(InputException.class, () -> new ImageFileReader(20, 59).read(file));
        assertTrue(e.getMessage().endsWith(": 3 pages with 60 pixels in all, above the limit of 59 per file (max.file.pixels)"),
                e.getMessage());
        assertEquals(400, new ImageFileReader(400, 10).maxFilePixels());
    }

    @Test
    void pagesAfterTheFirstAreDecodedWhenAskedFor() throws IOException {
        TiffBytes tiff = TiffBytes.write(3, 2, 2, false);
        // page 3's header claims 100 x 100 over 4 bytes of data: its header passes, its decoding fails
        int third = tiff.directories().get(2);
        tiff.setField(third, TiffBytes.IMAGE_WIDTH, 100);
        tiff.setField(third, TiffBytes.IMAGE_LENGTH, 100);
        Path file = dir.resolve("lazy.tif");
        Files.write(file, tiff.toArray());

        List<GrayImage> pages = reader.read(file);
        assertEquals(3, pages.size());
        assertEquals(40 / 255f, pages.get(0).get(1, 1), 1e-6f);
        assertEquals(41 / 255f, pages.get(1).get(1, 1), 1e-6f);
        assertEquals(file + "#2", pages.get(1).source());
        InputException e = assertThrows(InputException.class, () -> pages.get(2));
        assertEquals(file + "#3", e.source());
        assertTrue(e.getMessage().contains("corrupt image data"), e.getMessage());
        assertEquals(41 / 255f, pages.get(1).get(0, 0), 1e-6f, "page 2 decodes again after page 3 failed");
    }

    @Test
    void bigTiffIsRefusedByName() throws IOException {
        Path file = dir.resolve("big.tif");
        // II, 43, offset size 8, 0, first IFD at 16
        Files.write(file, new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertProblem(file, "BigTIFF (64-bit offsets) is not supported");
    }

    /** Regression: the JDK's PNG reader skips chunk CRCs, so a damaged IDAT decoded to wrong pixels without a word. */
    @Test
    void aPngWithABadCrcInACriticalChunkIsRefused() throws IOException {
        byte[] bytes = png(12, 12);
        int idat = indexOf(bytes, "IDAT");
        int length = ((bytes[idat - 4] & 0xFF) << 24) | ((bytes[idat - 3] & 0xFF) << 16) | ((bytes[idat - 2] & 0xFF) << 8) | (bytes[idat - 1] & 0xFF);
        byte[] badCrc = bytes.clone();
        badCrc[idat + 4 + length] ^= 0x01;   // the stored CRC only: the pixel data still decodes
        Path file = dir.resolve("bad-crc.png");
        Files.write(file, badCrc);
        assertProblem(file, "CRC error in chunk IDAT");

        // an ancillary chunk (text) with a bad CRC is only a warning, as in libpng
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        chunk(new DataOutputStream(text), "tEXt", "Comment\0scanned".getBytes(StandardCharsets.ISO_8859_1));
        byte[] t = text.toByteArray();
        t[t.length - 1] ^= 0x40;
        byte[] withText = new byte[bytes.length + t.length];
        int afterIhdr = 8 + 25;
        System.arraycopy(bytes, 0, withText, 0, afterIhdr);
        System.arraycopy(t, 0, withText, afterIhdr, t.length);
        System.arraycopy(bytes, afterIhdr, withText, afterIhdr + t.length, bytes.length - afterIhdr);
        Path commented = dir.resolve("bad-text-crc.png");
        Files.write(commented, withText);
        assertEquals(12, reader.read(commented).get(0).width());

        // a chunk that claims more bytes than the file has
        byte[] longChunk = bytes.clone();
        longChunk[idat - 4] = 0x7F;
        Path claims = dir.resolve("long-chunk.png");
        Files.write(claims, longChunk);
        assertProblem(claims, "more than the file holds");
    }

    /**
     * Regression: a photographed page's EXIF orientation was ignored (the JDK's JPEG reader does not apply it),
     * so the page was read on its side. Stored image: a dark block in its top-left corner, a gray one in its
     * top-right; for each orientation, where EXIF 2.3 says the two corners are displayed.
     */
    @Test
    void aJpegIsTurnedAsItsExifOrientationSays() throws IOException {
        BufferedImage img = new BufferedImage(48, 32, BufferedImage.TYPE_BYTE_GRAY);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 48, 32);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(0, 0, 12, 8);
        g.setColor(new java.awt.Color(128, 128, 128));
        g.fillRect(36, 0, 12, 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "jpeg", out));
        byte[] jpeg = out.toByteArray();
        // corners: 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left
        int[] darkAt = {0, 0, 1, 2, 3, 0, 1, 2, 3};
        int[] grayAt = {0, 1, 0, 3, 2, 3, 2, 1, 0};
        for (int orientation = 1; orientation <= 8; orientation++) {
            Path file = dir.resolve("photo-" + orientation + ".jpg");
            Files.write(file, withExifOrientation(jpeg, orientation, orientation % 2 == 0));
            GrayImage back = reader.read(file).get(0);
            boolean swapped = orientation >= 5;
            assertEquals(swapped ? 32 : 48, back.width(), "orientation " + orientation);
            assertEquals(swapped ? 48 : 32, back.height(), "orientation " + orientation);
            assertEquals(0, corner(back, darkAt[orientation]), 0.08, "dark block, orientation " + orientation);
            assertEquals(128 / 255.0, corner(back, grayAt[orientation]), 0.08, "gray block, orientation " + orientation);
        }
        // a malformed EXIF block (orientation 9, then a truncated directory) reads the image as stored
        Path odd = dir.resolve("odd.jpg");
        Files.write(odd, withExifOrientation(jpeg, 9, false));
        assertEquals(48, reader.read(odd).get(0).width());
        byte[] cut = withExifOrientation(jpeg, 6, false);
        cut[2 + 2 + 2 + 6 + 8 + 1] = 0x40;   // 64 entries in a 1-entry directory
        Path truncated = dir.resolve("truncated-exif.jpg");
        Files.write(truncated, cut);
        assertEquals(48, reader.read(truncated).get(0).width());
    }

    private static double corner(GrayImage image, int corner) {
        int x = corner == 0 || corner == 3 ? 3 : image.width() - 4;
        int y = corner < 2 ? 3 : image.height() - 4;
        return image.get(x, y);
    }

    /** The JPEG with an APP1 EXIF block after SOI whose first directory has the orientation tag. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        java.nio.ByteBuffer tiff = java.nio.ByteBuffer.allocate(8 + 2 + 12 + 4)
                .order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] t = tiff.array();
        int length = 2 + 6 + t.length;
        byte[] out = new byte[jpeg.length + 2 + length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xE1;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        byte[] exif = {'E', 'x', 'i', 'f', 0, 0};
        System.arraycopy(exif, 0, out, 6, 6);
        System.arraycopy(t, 0, out, 12, t.length);
        System.arraycopy(jpeg, 2, out, 12 + t.length, jpeg.length - 2);
        return out;
    }

    private static int indexOf(byte[] bytes, String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + b.length <= bytes.length; i++) {
            for (int k = 0; k < b.length; k++) if (bytes[i + k] != b[k]) continue outer;
            return i;
        }
        throw new AssertionError(ascii + " not found");
    }

    private InputException assertProblem(Path file, String problem) {
        InputException e = assertThrows(InputException.class, () -> reader.read(file));
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in: " + e.getMessage());
        return e;
    }

    private static byte[] png(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        int[] v = new int[w * h];
        for (int i = 0; i < v.length; i++) v[i] = (i * 37) & 0xff;
        img.getRaster().setSamples(0, 0, w, h, 0, v);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** PNG signature, an IHDR chunk for an 8-bit gray image of the size, and IEND: no image data. */
    static byte[] pngHeaderOnly(int w, int h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
