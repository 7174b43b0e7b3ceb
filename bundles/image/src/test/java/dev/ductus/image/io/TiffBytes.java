package dev.ductus.image.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Writes small TIFFs with the JDK's writer and patches their directories in memory, to build hostile files. */
final class TiffBytes {
    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int STRIP_OFFSETS = 273;
    private static final int SHORT = 3;
    private static final int LONG = 4;

    final ByteBuffer bytes;

    private TiffBytes(byte[] bytes) {
        this.bytes = ByteBuffer.wrap(bytes);
        this.bytes.order(bytes[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    /** {@code pages} 8-bit gray pages of w x h, uncompressed or deflated. */
    static TiffBytes write(int pages, int w, int h, boolean deflate) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (deflate) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("Deflate");
            }
            writer.prepareWriteSequence(null);
            for (int page = 0; page < pages; page++) {
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                int[] v = new int[w * h];
                Arrays.fill(v, 40 + page);
                img.getRaster().setSamples(0, 0, w, h, 0, v);
                writer.writeToSequence(new IIOImage(img, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return new TiffBytes(out.toByteArray());
    }

    byte[] toArray() {
        return bytes.array().clone();
    }

    /** The offsets of the image file directories, in chain order. */
    List<Integer> directories() {
        List<Integer> offsets = new ArrayList<>();
        int offset = bytes.getInt(4);
        while (offset != 0) {
            offsets.add(offset);
            offset = bytes.getInt(nextField(offset));
        }
        return offsets;
    }

    /** Where the directory at {@code ifd} keeps the offset of the next one. */
    int nextField(int ifd) {
        return ifd + 2 + 12 * Short.toUnsignedInt(bytes.getShort(ifd));
    }

    /** Points the directory at {@code ifd} to the directory at {@code target}. */
    void setNext(int ifd, int target) {
        bytes.putInt(nextField(ifd), target);
    }

    /** Sets a one-value SHORT or LONG field of the directory at {@code ifd}. */
    void setField(int ifd, int tag, int value) {
        int n = Short.toUnsignedInt(bytes.getShort(ifd));
        for (int i = 0; i < n; i++) {
            int entry = ifd + 2 + 12 * i;
            if (Short.toUnsignedInt(bytes.getShort(entry)) != tag) continue;
            int type = Short.toUnsignedInt(bytes.getShort(entry + 2));
            if (bytes.getInt(entry + 4) != 1) throw new IllegalStateException("tag " + tag + " has more than one value");
            if (type == SHORT) {
                if (value > 0xffff) throw new IllegalArgumentException(value + " does not fit the SHORT tag " + tag);
                bytes.putShort(entry + 8, (short) value);
            } else if (type == LONG) {
                bytes.putInt(entry + 8, value);
            } else {
                throw new IllegalStateException("tag " + tag + " has type " + type);
            }
            return;
        }
        throw new IllegalStateException("no tag " + tag + " in the directory at " + ifd);
    }
}
