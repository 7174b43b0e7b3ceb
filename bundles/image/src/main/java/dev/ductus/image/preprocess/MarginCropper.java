package dev.ductus.image.preprocess;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;

/**
 * Crops an image to the bounding box of its ink (pixels at or below an intensity threshold) plus a margin,
 * clipped to the image. A {@link LineGeometry} the image carries is moved along with the rows. An image without
 * ink cannot be a text line: it is an {@link InputException} ("no ink found").
 */
public final class MarginCropper {
    private final int margin;
    private final float inkThreshold;

    /**
     * @param margin white pixels kept around the ink on each side
     * @param inkThreshold pixels at or below this intensity are ink (0.5 suits contrast-stretched images)
     */
    public MarginCropper(int margin, float inkThreshold) {
        if (margin < 0) throw new IllegalArgumentException("margin must not be negative, got " + margin);
        this.margin = margin;
        this.inkThreshold = inkThreshold;
    }

    /** The bounding box of the ink, or null when there is none. */
    public Box inkBox(GrayImage image) {
        int w = image.width();
        int h = image.height();
        float[] p = image.pixels();
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (p[y * w + x] <= inkThreshold) {
                    if (x < minX) minX = x;
                    if (x > maxX) maxX = x;
                    if (y < minY) minY = y;
                    maxY = y;
                }
            }
        }
        return maxX < 0 ? null : new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /** @throws InputException when the image holds no ink */
    public GrayImage crop(GrayImage image) {
        Box ink = inkBox(image);
        if (ink == null) throw new InputException(image.source(), "no ink found (no pixel at or below " + inkThreshold + ")");
        int x0 = Math.max(0, ink.x() - margin);
        int y0 = Math.max(0, ink.y() - margin);
        int x1 = Math.min(image.width(), ink.right() + margin);
        int y1 = Math.min(image.height(), ink.bottom() + margin);
        int w = x1 - x0;
        int h = y1 - y0;
        if (x0 == 0 && y0 == 0 && w == image.width() && h == image.height()) return image;
        float[] src = image.pixels();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) System.arraycopy(src, (y + y0) * image.width() + x0, out, y * w, w);
        return new GrayImage(w, h, out, shift(image.geometry(), y0, h), image.source());
    }

    private static LineGeometry shift(LineGeometry g, int dy, int height) {
        if (g == null) return null;
        int top = clamp(g.top() - dy, height);
        int coreTop = clamp(g.coreTop() - dy, height);
        int baseline = clamp(g.baseline() - dy, height);
        int bottom = clamp(g.bottom() - dy, height);
        return new LineGeometry(top, coreTop, baseline, bottom);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
