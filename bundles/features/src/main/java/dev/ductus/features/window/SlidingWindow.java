package dev.ductus.features.window;

/**
 * Window positions over a line image: frame k is centred on column {@code k * shift + shift / 2} and covers
 * {@code width} columns around it; there are {@code ceil(imageWidth / shift)} frames, so every column falls
 * into some frame. Columns outside the image read as white paper.
 */
public record SlidingWindow(int width, int shift) {
    public SlidingWindow {
        if (width < 1 || shift < 1) throw new IllegalArgumentException("window width and shift must be >= 1, got "
                + width + " and " + shift);
    }

    public int frames(int imageWidth) {
        return Math.max(1, (imageWidth + shift - 1) / shift);
    }

    /** First column of frame k (may be negative or reach past the image). */
    public int start(int k) {
        return k * shift + Math.floorDiv(shift - width, 2);
    }

    /** The frame's centre in image coordinates (column i spans [i, i + 1)). */
    public float centre(int k) {
        return start(k) + width / 2f;
    }

    public float[] centres(int imageWidth) {
        int n = frames(imageWidth);
        float[] x = new float[n];
        for (int k = 0; k < n; k++) x[k] = centre(k);
        return x;
    }
}
