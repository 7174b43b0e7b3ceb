package dev.ductus.data.synth;

import dev.ductus.api.Box;

/**
 * How much ink covers each pixel, 0 (paper) to 1 (full ink), row-major. Generators draw and distort in ink
 * coverage, where combining strokes is a max and blank is zero; only the last step turns ink into a gray image.
 */
public final class InkMap {
    private final int width;
    private final int height;
    private final float[] ink;

    public InkMap(int width, int height, float[] ink) {
        if (ink.length != width * height) throw new IllegalArgumentException("ink length != " + width + "x" + height);
        this.width = width;
        this.height = height;
        this.ink = ink;
    }

    public InkMap(int width, int height) {
        this(width, height, new float[width * height]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public float[] ink() {
        return ink;
    }

    public float get(int x, int y) {
        return ink[y * width + x];
    }

    /** Bilinear sample; zero outside. */
    public float sample(float x, float y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = x - x0;
        float fy = y - y0;
        float a = at(x0, y0);
        float b = at(x0 + 1, y0);
        float c = at(x0, y0 + 1);
        float d = at(x0 + 1, y0 + 1);
        return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }

    private float at(int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0f : ink[y * width + x];
    }

    /** Puts {@code other} with its top-left corner at (dx, dy), keeping the darker of the two at each pixel. */
    public void stamp(InkMap other, int dx, int dy) {
        for (int y = 0; y < other.height; y++) {
            int ty = y + dy;
            if (ty < 0 || ty >= height) continue;
            for (int x = 0; x < other.width; x++) {
                int tx = x + dx;
                if (tx < 0 || tx >= width) continue;
                float v = other.ink[y * other.width + x];
                int i = ty * width + tx;
                if (v > ink[i]) ink[i] = v;
            }
        }
    }

    /** The smallest box holding every pixel with more ink than the threshold, or null when there is none. */
    public Box inkBox(float threshold) {
        int minX = width, minY = height, maxX = -1, maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (ink[y * width + x] > threshold) {
                    if (x < minX) minX = x;
                    if (x > maxX) maxX = x;
                    if (y < minY) minY = y;
                    if (y > maxY) maxY = y;
                }
            }
        }
        return maxX < 0 ? null : new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /** The region [x, x+w) x [y, y+h); parts outside this map are blank. */
    public InkMap crop(int x, int y, int w, int h) {
        InkMap out = new InkMap(w, h);
        for (int row = 0; row < h; row++) {
            int sy = row + y;
            if (sy < 0 || sy >= height) continue;
            for (int col = 0; col < w; col++) {
                int sx = col + x;
                if (sx >= 0 && sx < width) out.ink[row * w + col] = ink[sy * width + sx];
            }
        }
        return out;
    }

    /** Resized by bilinear sampling of pixel centres. */
    public InkMap scaled(int newWidth, int newHeight) {
        InkMap out = new InkMap(newWidth, newHeight);
        float sx = (float) width / newWidth;
        float sy = (float) height / newHeight;
        for (int y = 0; y < newHeight; y++) {
            for (int x = 0; x < newWidth; x++) {
                out.ink[y * newWidth + x] = sample((x + 0.5f) * sx - 0.5f, (y + 0.5f) * sy - 0.5f);
            }
        }
        return out;
    }
}
