package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;

/**
 * Shears an image horizontally, {@code x' = x + (y - y0) tan(angle)}, with linear interpolation along rows and
 * the canvas widened to hold everything (paper outside the source: white, or the scan's own paper gray, as in
 * {@link ImageRotation}). Shearing by the slant that
 * {@link SlantEstimator} found makes right-leaning strokes upright. Rows do not move, so a {@code LineGeometry}
 * the image carries stays valid and is kept; the {@code PixelMap} gains the inverse shear.
 */
public final class ImageShear {
    private ImageShear() {
    }

    /** Shears onto white paper. */
    public static GrayImage shear(GrayImage image, double degrees) {
        return shear(image, degrees, 1f);
    }

    /** Shears onto paper of the given intensity. */
    public static GrayImage shear(GrayImage image, double degrees, float paper) {
        if (degrees == 0) return image;
        double t = Math.tan(Math.toRadians(degrees));
        int w = image.width();
        int h = image.height();
        double d0 = 0;
        double d1 = (h - 1) * t;
        double minShift = Math.min(d0, d1);
        int extra = (int) Math.ceil(Math.abs(d1 - d0));
        int outW = w + extra;
        float[] out = new float[outW * h];
        float[] src = image.pixels();
        for (int y = 0; y < h; y++) {
            double shift = y * t - minShift;
            int row = y * w;
            for (int u = 0; u < outW; u++) {
                double x = u - shift;
                int x0 = (int) Math.floor(x);
                double f = x - x0;
                float a = x0 >= 0 && x0 < w ? src[row + x0] : paper;
                float b = x0 + 1 >= 0 && x0 + 1 < w ? src[row + x0 + 1] : paper;
                out[y * outW + u] = (float) (a * (1 - f) + b * f);
            }
        }
        // output column u of row y reads input column u - (y t - minShift), y the row index (centre y + 0.5)
        return new GrayImage(outW, h, out, image.geometry(), image.source(),
                image.pixelMap().affine(1, -t, 0.5 * t + minShift, 0, 1, 0));
    }
}
