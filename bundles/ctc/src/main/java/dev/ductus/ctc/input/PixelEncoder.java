package dev.ductus.ctc.input;

import dev.ductus.api.image.GrayImage;
import dev.ductus.nn.layer.Shape;
import java.util.Locale;

/**
 * Raw pixels at a fixed height ({@code pixels:h=64}): the line is scaled to that height keeping its aspect
 * ratio (bilinear), and ink is 1, paper 0, so the zero padding of a batch reads as blank paper. Lines
 * narrower than {@code minWidth} are padded with paper on the right.
 */
public final class PixelEncoder implements LineEncoder {
    public static final String PREFIX = "pixels:";
    private final int height;
    private final int minWidth;

    public PixelEncoder(int height, int minWidth) {
        if (height < 4) throw new IllegalArgumentException("pixel height must be at least 4, got " + height);
        this.height = height;
        this.minWidth = Math.max(1, minWidth);
    }

    /** Parses {@code pixels:h=H}. */
    public static PixelEncoder parse(String spec, int minWidth) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (!s.startsWith(PREFIX) || !s.substring(PREFIX.length()).startsWith("h=")) {
            throw new IllegalArgumentException("expected pixels:h=HEIGHT, got '" + spec + "'");
        }
        try {
            return new PixelEncoder(Integer.parseInt(s.substring(PREFIX.length() + 2)), minWidth);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected pixels:h=HEIGHT, got '" + spec + "'");
        }
    }

    public int height() {
        return height;
    }

    @Override
    public String spec() {
        return PREFIX + "h=" + height;
    }

    @Override
    public Shape shape() {
        return new Shape(height, 1);
    }

    @Override
    public EncodedLine encode(GrayImage line) {
        double scale = (double) height / line.height();
        int scaled = Math.max(1, (int) Math.round(line.width() * scale));
        int width = Math.max(scaled, minWidth);
        float[] v = new float[height * width];
        float[] src = line.pixels();
        int w0 = line.width();
        int h0 = line.height();
        for (int y = 0; y < height; y++) {
            double sy = Math.min(h0 - 1, Math.max(0, (y + 0.5) / scale - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(h0 - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < scaled; x++) {
                double sx = Math.min(w0 - 1, Math.max(0, (x + 0.5) * w0 / (double) scaled - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(w0 - 1, x0 + 1);
                double fx = sx - x0;
                double top = src[y0 * w0 + x0] * (1 - fx) + src[y0 * w0 + x1] * fx;
                double bottom = src[y1 * w0 + x0] * (1 - fx) + src[y1 * w0 + x1] * fx;
                v[y * width + x] = (float) (1 - (top * (1 - fy) + bottom * fy));
            }
        }
        float[] cx = new float[width];
        for (int x = 0; x < width; x++) cx[x] = (float) Math.min(w0, (x + 0.5) * w0 / (double) scaled);
        return new EncodedLine(height, width, 1, v, cx, w0);
    }
}
