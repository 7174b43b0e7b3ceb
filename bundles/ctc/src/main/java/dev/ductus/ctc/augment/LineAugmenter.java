package dev.ductus.ctc.augment;

import dev.ductus.api.image.GrayImage;
import java.util.SplittableRandom;

/**
 * Random distortions of a training line (intensities 1 = paper, 0 = ink), each applied with its probability:
 * an affine map (rotation, slant, horizontal and vertical scale), an elastic grid distortion (random
 * displacements on a coarse grid, interpolated), and a morphological change of stroke width (3x3 minimum or
 * maximum). The same seed gives the same distortions, so a resumed run sees the same data.
 */
public final class LineAugmenter {
    /** Distortion strengths and probabilities; {@link #none()} disables everything. */
    public record Settings(double affine, double maxRotationDeg, double maxShear, double maxScaleX, double maxScaleY,
                           double elastic, double elasticPixels, int elasticGrid, double morphology) {
        public static Settings standard() {
            return new Settings(0.5, 1.5, 0.3, 0.12, 0.06, 0.3, 1.5, 12, 0.25);
        }

        public static Settings none() {
            return new Settings(0, 0, 0, 0, 0, 0, 0, 12, 0);
        }
    }

    private final Settings settings;

    public LineAugmenter(Settings settings) {
        this.settings = settings;
    }

    public GrayImage apply(GrayImage image, SplittableRandom rnd) {
        GrayImage out = image;
        if (rnd.nextDouble() < settings.affine()) out = affine(out, rnd);
        if (rnd.nextDouble() < settings.elastic()) out = elastic(out, rnd);
        if (rnd.nextDouble() < settings.morphology()) out = morphology(out, rnd.nextBoolean());
        return out;
    }

    private GrayImage affine(GrayImage im, SplittableRandom rnd) {
        double rot = Math.toRadians(rnd.nextDouble(-1, 1) * settings.maxRotationDeg());
        double shear = rnd.nextDouble(-1, 1) * settings.maxShear();
        double sx = 1 + rnd.nextDouble(-1, 1) * settings.maxScaleX();
        double sy = 1 + rnd.nextDouble(-1, 1) * settings.maxScaleY();
        // forward map about the centre: p' = R * Shear * S * (p - c)
        double cos = Math.cos(rot);
        double sin = Math.sin(rot);
        double a = cos * sx;
        double b = cos * shear * sy - sin * sy;
        double c = sin * sx;
        double d = sin * shear * sy + cos * sy;
        double cx = im.width() / 2.0;
        double cy = im.height() / 2.0;
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] p : new double[][] {{0, 0}, {im.width(), 0}, {0, im.height()}, {im.width(), im.height()}}) {
            double x = a * (p[0] - cx) + b * (p[1] - cy);
            double y = c * (p[0] - cx) + d * (p[1] - cy);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        int w = Math.max(1, (int) Math.ceil(maxX - minX));
        int h = Math.max(1, (int) Math.ceil(maxY - minY));
        double det = a * d - b * c;
        double ia = d / det;
        double ib = -b / det;
        double ic = -c / det;
        double id = a / det;
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            double ty = y + 0.5 + minY;
            for (int x = 0; x < w; x++) {
                double tx = x + 0.5 + minX;
                double srcX = ia * tx + ib * ty + cx - 0.5;
                double srcY = ic * tx + id * ty + cy - 0.5;
                p[y * w + x] = sample(im, srcX, srcY);
            }
        }
        return im.derive(w, h, p);
    }

    private GrayImage elastic(GrayImage im, SplittableRandom rnd) {
        int g = Math.max(2, settings.elasticGrid());
        int gw = im.width() / g + 2;
        int gh = im.height() / g + 2;
        double[] dx = new double[gw * gh];
        double[] dy = new double[gw * gh];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = rnd.nextDouble(-1, 1) * settings.elasticPixels();
            dy[i] = rnd.nextDouble(-1, 1) * settings.elasticPixels();
        }
        int w = im.width();
        int h = im.height();
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            double gy = (double) y / g;
            int y0 = (int) gy;
            double fy = gy - y0;
            for (int x = 0; x < w; x++) {
                double gx = (double) x / g;
                int x0 = (int) gx;
                double fx = gx - x0;
                int i00 = y0 * gw + x0;
                double ox = bilinear(dx, i00, gw, fx, fy);
                double oy = bilinear(dy, i00, gw, fx, fy);
                p[y * w + x] = sample(im, x + ox, y + oy);
            }
        }
        return im.derive(w, h, p);
    }

    private static double bilinear(double[] v, int i00, int stride, double fx, double fy) {
        double top = v[i00] * (1 - fx) + v[i00 + 1] * fx;
        double bottom = v[i00 + stride] * (1 - fx) + v[i00 + stride + 1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /** 3x3 minimum (ink grows: thicker strokes) or maximum (ink shrinks: thinner strokes). */
    static GrayImage morphology(GrayImage im, boolean thicker) {
        int w = im.width();
        int h = im.height();
        float[] src = im.pixels();
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = src[y * w + x];
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        float u = src[yy * w + xx];
                        v = thicker ? Math.min(v, u) : Math.max(v, u);
                    }
                }
                p[y * w + x] = v;
            }
        }
        return im.derive(w, h, p);
    }

    /** Bilinear sample at pixel-centre coordinates; paper outside the image. */
    static float sample(GrayImage im, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double top = im.getOrWhite(x0, y0) * (1 - fx) + im.getOrWhite(x0 + 1, y0) * fx;
        double bottom = im.getOrWhite(x0, y0 + 1) * (1 - fx) + im.getOrWhite(x0 + 1, y0 + 1) * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }
}
