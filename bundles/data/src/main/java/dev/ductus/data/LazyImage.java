package dev.ductus.data;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Loads an image on first use through the image loader and keeps it softly, so a large dataset costs memory
 * only for the images in use, and an image shared by several samples (a page and its lines) is decoded once
 * while memory allows.
 */
final class LazyImage implements Supplier<GrayImage> {
    private final ImageLoader loader;
    private final Path file;
    private SoftReference<GrayImage> cached = new SoftReference<>(null);

    private LazyImage(ImageLoader loader, Path file) {
        this.loader = loader;
        this.file = file;
    }

    static LazyImage of(ImageLoader loader, Path file) {
        return new LazyImage(loader, file);
    }

    @Override
    public synchronized GrayImage get() {
        GrayImage image = cached.get();
        if (image == null) {
            image = loader.readFirst(file);
            cached = new SoftReference<>(image);
        }
        return image;
    }

    Path file() {
        return file;
    }
}
