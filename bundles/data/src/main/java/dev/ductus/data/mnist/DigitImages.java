package dev.ductus.data.mnist;

/**
 * MNIST digits as read from an IDX pair: {@code count} images of rows x cols bytes (0 paper .. 255 ink) and
 * their labels. {@code firstIndex} is the index in the file of image 0, so provenance can name file indices.
 */
public record DigitImages(String source, int firstIndex, int count, int rows, int cols, byte[] pixels, byte[] labels) {
    public int label(int i) {
        return labels[i];
    }

    /** Ink coverage of image i, 0..1. */
    public float ink(int i, int x, int y) {
        return (pixels[i * rows * cols + y * cols + x] & 0xff) / 255f;
    }
}
