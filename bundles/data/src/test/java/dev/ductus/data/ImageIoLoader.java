package dev.ductus.data;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.data.io.GrayPng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An ImageLoader over javax.imageio for the tests (the real one lives in the image bundle); counts reads. */
public final class ImageIoLoader implements ImageLoader {
    public final AtomicInteger reads = new AtomicInteger();

    @Override
    public List<GrayImage> read(Path file) {
        reads.incrementAndGet();
        int[] size = new int[2];
        float[] gray = GrayPng.readGray(file, size);
        return List.of(new GrayImage(size[0], size[1], gray, null, file.toString()));
    }

    @Override
    public void writePng(GrayImage image, Path file) {
        try {
            GrayPng.write(file, image.width(), image.height(), image.pixels());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test image whose gray values survive 8-bit PNG exactly. */
    public static GrayImage pattern(int width, int height, int seed) {
        float[] p = new float[width * height];
        for (int i = 0; i < p.length; i++) p[i] = ((i * 37 + seed * 11) % 256) / 255f;
        return new GrayImage(width, height, p);
    }
}
