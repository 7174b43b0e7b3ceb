package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;

/**
 * Rotates an image about its centre with bilinear interpolation. The canvas grows to hold the whole rotated
 * image, and what lies outside the source is paper: white, or the gray of the scan's own paper, so that a gray,
 * noisy scan does not gain white corners that the next step's threshold or noise estimate would take for a
 * second kind of paper. Positive angles turn the content counter-clockwise on screen, matching
 * {@link SkewEstimator}: rotating by minus the estimated skew levels the text. The output's {@code PixelMap} is the
 * input's extended by the inverse rotation.
 */
public final class ImageRotation {
    private ImageRotation() {
    }

    /** Rotates onto white paper. */
    public static GrayImage rotate(GrayImage image, double degrees) {
        return rotate(image, degrees, 1f);
    }

    /** Rotates onto paper of the given intensity. */
    public static GrayImage rotate(GrayImage image, double degrees, float paper) {
        if (degrees == 0) return image;
        double a = Math.toRadians(degrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        int w = image.width();
        int h = image.height();
        int outW = Math.max(1, (int) Math.ceil(w * Math.abs(cos) + h * Math.abs(sin) - 1e-6));
        int outH = Math.max(1, (int) Math.ceil(w * Math.abs(sin) + h * Math.abs(cos) - 1e-6));
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double ox = (outW - 1) / 2.0;
        double oy = (outH - 1) / 2.0;
        float[] out = new float[outW * outH];
        for (int v = 0; v < outH; v++) {
            double dy = v - oy;
            for (int u = 0; u < outW; u++) {
                double dx = u - ox;
                // inverse of the counter-clockwise (on screen, y down) rotation
                double x = dx * cos - dy * sin + cx;
                double y = dx * sin + dy * cos + cy;
                out[v * outW + u] = bilinear(image, x, y, paper);
            }
        }
        // the same inverse in continuous coordinates (pixel i covers [i, i + 1), so centres sit at i + 0.5)
        double ow = outW / 2.0;
        double oh = outH / 2.0;
        return image.derive(outW, outH, out).withPixelMap(image.pixelMap().affine(
                cos, -sin, -ow * cos + oh * sin + w / 2.0,
                sin, cos, -ow * sin - oh * cos + h / 2.0));
    }

    /** Bilinear interpolation between pixel centres, {@code paper} outside the image. */
    static float bilinear(GrayImage image, double x, double y, float paper) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        if (x0 < -1 || y0 < -1 || x0 >= image.width() || y0 >= image.height()) return paper;
        double fx = x - x0;
        double fy = y - y0;
        double top = at(image, x0, y0, paper) * (1 - fx) + at(image, x0 + 1, y0, paper) * fx;
        double bottom = at(image, x0, y0 + 1, paper) * (1 - fx) + at(image, x0 + 1, y0 + 1, paper) * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    private static float at(GrayImage image, int x, int y, float paper) {
        return x < 0 || y < 0 || x >= image.width() || y >= image.height() ? paper : image.get(x, y);
    }
}
