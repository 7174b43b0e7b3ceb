package dev.ductus.image.io;

import dev.ductus.api.image.GrayImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The EXIF orientation of a JPEG (what a phone or camera records instead of rotating the pixels), and the page
 * turned the way it is meant to be seen. The JDK's JPEG reader ignores the tag, so a photographed page came out
 * on its side. Only the markers before the image data are read (at most {@link #MAX_SCAN} bytes); a missing,
 * malformed or out-of-range tag means orientation 1 (as stored): a damaged EXIF block never refuses a JPEG
 * whose image data decodes.
 * <p>
 * Values (EXIF 2.3, tag 0x0112), as the transform from the stored to the displayed image: 1 as stored,
 * 2 mirrored left-right, 3 turned 180 degrees, 4 mirrored top-bottom, 5 transposed (mirrored about the main
 * diagonal), 6 turned 90 degrees clockwise, 7 transversed (mirrored about the other diagonal), 8 turned 90
 * degrees counter-clockwise. 5 to 8 swap width and height.
 */
final class ExifOrientation {
    /** Where the EXIF block is looked for: APP1 comes right after SOI (and APP0), far inside this. */
    static final int MAX_SCAN = 1 << 20;
    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    /** The orientation recorded in the JPEG file, 1 to 8; 1 when there is none or it cannot be read. */
    static int ofJpeg(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int n = (int) Math.min(channel.size(), MAX_SCAN);
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining() && channel.read(b) >= 0) {
                // read the head of the file
            }
            b.flip();
            return ofJpeg(b);
        } catch (IOException e) {
            return 1;
        }
    }

    /** The orientation in a JPEG's bytes (big-endian markers), 1 when absent or malformed. */
    static int ofJpeg(ByteBuffer jpeg) {
        ByteBuffer b = jpeg.duplicate().order(ByteOrder.BIG_ENDIAN);
        int n = b.limit();
        if (n < 4 || (b.get(0) & 0xFF) != 0xFF || (b.get(1) & 0xFF) != 0xD8) return 1;
        int pos = 2;
        while (pos + 4 <= n) {
            if ((b.get(pos) & 0xFF) != 0xFF) return 1;
            int marker = b.get(pos + 1) & 0xFF;
            if (marker == 0xFF) {
                pos++;   // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) return 1;   // image data or end: no EXIF before it
            int length = Short.toUnsignedInt(b.getShort(pos + 2));
            if (length < 2 || pos + 2 + length > n) return 1;
            if (marker == 0xE1 && length >= 8 && isExif(b, pos + 4)) {
                int orientation = ofTiff(b.slice(pos + 10, length - 8));
                if (orientation != 0) return orientation;
            }
            pos += 2 + length;
        }
        return 1;
    }

    private static boolean isExif(ByteBuffer b, int at) {
        return b.get(at) == 'E' && b.get(at + 1) == 'x' && b.get(at + 2) == 'i' && b.get(at + 3) == 'f'
                && b.get(at + 4) == 0 && b.get(at + 5) == 0;
    }

    /** The orientation tag of the first IFD of an EXIF TIFF block; 0 when it has none, 1 when malformed. */
    private static int ofTiff(ByteBuffer tiff) {
        int n = tiff.limit();
        if (n < 8) return 1;
        ByteOrder order;
        if (tiff.get(0) == 'I' && tiff.get(1) == 'I') order = ByteOrder.LITTLE_ENDIAN;
        else if (tiff.get(0) == 'M' && tiff.get(1) == 'M') order = ByteOrder.BIG_ENDIAN;
        else return 1;
        tiff.order(order);
        if (Short.toUnsignedInt(tiff.getShort(2)) != 42) return 1;
        long ifd = Integer.toUnsignedLong(tiff.getInt(4));
        if (ifd < 8 || ifd + 2 > n) return 1;
        int entries = Short.toUnsignedInt(tiff.getShort((int) ifd));
        if (ifd + 2 + 12L * entries > n) return 1;
        for (int e = 0; e < entries; e++) {
            int at = (int) ifd + 2 + 12 * e;
            if (Short.toUnsignedInt(tiff.getShort(at)) != ORIENTATION_TAG) continue;
            int type = Short.toUnsignedInt(tiff.getShort(at + 2));
            long count = Integer.toUnsignedLong(tiff.getInt(at + 4));
            if (type != 3 || count != 1) return 1;
            int value = Short.toUnsignedInt(tiff.getShort(at + 8));
            return value >= 1 && value <= 8 ? value : 1;
        }
        return 0;
    }

    /** The image as it is meant to be seen under the orientation (the same image for 1). */
    static GrayImage apply(GrayImage stored, int orientation) {
        if (orientation <= 1 || orientation > 8) return stored;
        int w = stored.width();
        int h = stored.height();
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        float[] in = stored.pixels();
        float[] out = new float[in.length];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }   // 8
                }
                out[y * dw + x] = in[sy * w + sx];
            }
        }
        return new GrayImage(dw, dh, out, null, stored.source());
    }
}
