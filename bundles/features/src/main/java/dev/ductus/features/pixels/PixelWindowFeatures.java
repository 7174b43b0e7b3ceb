package dev.ductus.features.pixels;

import dev.ductus.api.image.GrayImage;
import dev.ductus.features.handcrafted.FrameFeatures;
import dev.ductus.features.window.SlidingWindow;
import java.util.List;

/**
 * The raw pixels of the window as ink darkness (1 - intensity), with the image's rows area-averaged down (or
 * up) to {@code height} rows so lines of any height give the same dimension: value {@code r * w + c} is row r,
 * column c of the window.
 */
public final class PixelWindowFeatures implements FrameFeatures {
    private final int width;
    private final int height;

    public PixelWindowFeatures(int width, int height) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("pixel window must be at least 1x1");
        this.width = width;
        this.height = height;
    }

    @Override
    public int dimension() {
        return width * height;
    }

    @Override
    public List<String> descriptions() {
        return List.of("r*" + width + "+c pixel: ink darkness of row r (of " + height
                + ", area-averaged from the image rows) and column c of the window");
    }

    @Override
    public float[] extract(GrayImage line, SlidingWindow window) {
        if (window.width() != width) {
            throw new IllegalArgumentException("window width " + window.width() + " != feature width " + width);
        }
        int imgW = line.width();
        int imgH = line.height();
        float[] px = line.pixels();
        int frames = window.frames(imgW);
        // row r of the output covers image rows [r * imgH / height, (r + 1) * imgH / height)
        double scale = (double) imgH / height;
        float[] out = new float[frames * width * height];
        for (int k = 0; k < frames; k++) {
            int x0 = window.start(k);
            int base = k * width * height;
            for (int c = 0; c < width; c++) {
                int x = x0 + c;
                if (x < 0 || x >= imgW) continue;
                for (int r = 0; r < height; r++) {
                    double y0 = r * scale;
                    double y1 = (r + 1) * scale;
                    double sum = 0;
                    for (int y = (int) Math.floor(y0); y < Math.ceil(y1) && y < imgH; y++) {
                        double overlap = Math.min(y + 1, y1) - Math.max(y, y0);
                        if (overlap > 0) sum += overlap * (1 - px[y * imgW + x]);
                    }
                    out[base + r * width + c] = (float) (sum / scale);
                }
            }
        }
        return out;
    }
}
