package dev.ductus.image.preprocess;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;

/**
 * Crops an image to the bounding box of its ink (pixels at or below an intensity threshold) plus a margin,
 * clipped to the image. With {@link NoiseHandling}, the ink is that of the cleaned mask: a noisy image is
 * smoothed before the threshold, which is held below the paper noise, and specks are removed, so isolated
 * noise never widens the box. A {@link LineGeometry} the image carries is moved along with the rows, and the
 * pixel map gains the crop's offset. An image
 * without ink cannot be a text line: it is an {@link InputException} ("no ink found").
 */
public final class MarginCropper {
    private final int margin;
    private final float inkThreshold;
    private final NoiseHandling noise;

    /**
     * @param margin white pixels kept around the ink on each side
     * @param inkThreshold pixels at or below this intensity are ink (0.5 suits contrast-stretched images)
     * @param noise how noise is kept out of the ink
     */
    public MarginCropper(int margin, float inkThreshold, NoiseHandling noise) {
        if (margin < 0) throw new IllegalArgumentException("margin must not be negative, got " + margin);
        this.margin = margin;
        this.inkThreshold = inkThreshold;
        this.noise = noise;
    }

    /** Every pixel at or below the threshold is ink, without noise handling. */
    public MarginCropper(int margin, float inkThreshold) {
        this(margin, inkThreshold, NoiseHandling.OFF);
    }

    /** The ink the box is taken from, and what was done about noise. */
    public NoiseHandling.Result ink(GrayImage image) {
        return noise.find(image, (source, noiseMargin, paper) -> InkMask.threshold(source,
                noiseMargin > 0 ? Math.min(inkThreshold, (float) (paper - noiseMargin)) : inkThreshold));
    }

    /** The bounding box of the ink, or null when there is none. */
    public Box inkBox(GrayImage image) {
        return box(ink(image).mask());
    }

    /** The bounding box of a mask's ink, or null when there is none. */
    public static Box box(InkMask mask) {
        int w = mask.width();
        int h = mask.height();
        boolean[] p = mask.flags();
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (p[y * w + x]) {
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
        return crop(image, inkBox(image));
    }

    /**
     * Crops to a box found by {@link #inkBox} (or {@link #box} of {@link #ink}).
     *
     * @throws InputException when the box is null (no ink)
     */
    public GrayImage crop(GrayImage image, Box ink) {
        if (ink == null) {
            throw new InputException(image.source(), "no ink found (no pixel at or below " + inkThreshold
                    + (noise.off() ? "" : " after noise removal") + ")");
        }
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
        return new GrayImage(w, h, out, shift(image.geometry(), y0, h), image.source(), image.pixelMap().translate(x0, y0));
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
