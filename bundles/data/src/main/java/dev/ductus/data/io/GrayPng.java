package dev.ductus.data.io;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.InputException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** 8-bit grayscale PNG encoding of gray values in [0, 1] (0 black), byte-for-byte reproducible. */
public final class GrayPng {
    private GrayPng() {
    }

    public static BufferedImage toImage(int width, int height, float[] gray) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) Math.round(Math.max(0f, Math.min(1f, gray[i])) * 255f);
        }
        return image;
    }

    public static byte[] encode(int width, int height, float[] gray) {
        return encode(toImage(width, height, gray));
    }

    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer in this JDK");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void write(Path file, int width, int height, float[] gray) throws IOException {
        byte[] png = encode(width, height, gray);
        AtomicFiles.write(file, out -> out.write(png));
    }

    /** Reads any image ImageIO knows as gray values (luma), for sheets and tests. */
    public static float[] readGray(Path file, int[] sizeOut) {
        BufferedImage image;
        try {
            image = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read image: " + e.getMessage(), e);
        }
        if (image == null) throw new InputException(file.toString(), "missing or not a readable image");
        int w = image.getWidth();
        int h = image.getHeight();
        float[] gray = new float[w * h];
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // getRGB would push 8-bit gray through a colour space conversion and change the values.
            var raster = image.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) gray[y * w + x] = raster.getSample(x, y, 0) / 255f;
            }
            sizeOut[0] = w;
            sizeOut[1] = h;
            return gray;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                gray[y * w + x] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
            }
        }
        sizeOut[0] = w;
        sizeOut[1] = h;
        return gray;
    }
}
