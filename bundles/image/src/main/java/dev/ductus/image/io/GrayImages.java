package dev.ductus.image.io;

import dev.ductus.api.image.GrayImage;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.awt.color.ColorSpace;

/**
 * Converts between {@link GrayImage} and {@link BufferedImage}. Colour becomes gray with the Rec. 601 luminance
 * weights (0.299 R + 0.587 G + 0.114 B), transparent pixels are composited on white paper, and samples of any
 * depth (1, 8, 16 bits, float) are scaled by their own maximum, so 16-bit scans keep their full precision instead
 * of being truncated to 8 bits. Stored sample values are used as they are (no colour-space gamma conversion),
 * which is what scanners and image editors mean by "gray value".
 */
public final class GrayImages {
    private static final double WR = 0.299;
    private static final double WG = 0.587;
    private static final double WB = 0.114;

    private GrayImages() {
    }

    /** The image as intensities in [0, 1] (0 = black), with the given source name. */
    public static GrayImage fromBufferedImage(BufferedImage image, String source) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof IndexColorModel icm) {
            readIndexed(raster, icm, out);
        } else if (cm instanceof ComponentColorModel && isGrayOrRgb(cm)) {
            readComponents(raster, cm, out);
        } else {
            // Packed RGB, CMYK, YCbCr and other spaces: let Java2D convert to 8-bit sRGB first.
            readViaRgb(image, out);
        }
        return new GrayImage(w, h, out, null, source);
    }

    /** The image as 8-bit grayscale ({@link BufferedImage#TYPE_BYTE_GRAY}), intensities rounded to 0..255. */
    public static BufferedImage toBufferedImage(GrayImage image) {
        int w = image.width();
        int h = image.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = out.getRaster();
        float[] p = image.pixels();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = toByte(p[y * w + x]);
            }
            raster.setSamples(0, y, w, 1, 0, row);
        }
        return out;
    }

    /** An intensity in [0, 1] as the nearest 8-bit level; values outside are clamped, NaN becomes white. */
    public static int toByte(float v) {
        if (!(v >= 0f)) return v < 0f ? 0 : 255;
        if (v >= 1f) return 255;
        return Math.round(v * 255f);
    }

    private static boolean isGrayOrRgb(ColorModel cm) {
        int type = cm.getColorSpace().getType();
        int colors = cm.getNumColorComponents();
        return (type == ColorSpace.TYPE_GRAY && colors == 1) || (type == ColorSpace.TYPE_RGB && colors == 3);
    }

    private static void readIndexed(Raster raster, IndexColorModel icm, float[] out) {
        int size = icm.getMapSize();
        float[] lut = new float[size];
        for (int i = 0; i < size; i++) {
            int argb = icm.getRGB(i);
            lut[i] = composite(luminance8(argb), ((argb >>> 24) & 0xff) / 255.0, false);
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int i = row[x];
                out[y * w + x] = i >= 0 && i < size ? lut[i] : 1f;
            }
        }
    }

    private static void readComponents(Raster raster, ColorModel cm, float[] out) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int colors = cm.getNumColorComponents();
        boolean alpha = cm.hasAlpha();
        boolean premultiplied = cm.isAlphaPremultiplied();
        int dataType = raster.getDataBuffer().getDataType();
        boolean floating = dataType == DataBuffer.TYPE_FLOAT || dataType == DataBuffer.TYPE_DOUBLE;
        double[] scale = new double[cm.getNumComponents()];
        for (int b = 0; b < scale.length; b++) {
            scale[b] = floating ? 1.0 : 1.0 / ((1L << cm.getComponentSize(b)) - 1);
        }
        double[][] bands = new double[cm.getNumComponents()][w];
        int x0 = raster.getMinX();
        int y0 = raster.getMinY();
        for (int y = 0; y < h; y++) {
            for (int b = 0; b < bands.length; b++) {
                raster.getSamples(x0, y0 + y, w, 1, b, bands[b]);
            }
            for (int x = 0; x < w; x++) {
                double gray = colors == 1
                        ? bands[0][x] * scale[0]
                        : WR * bands[0][x] * scale[0] + WG * bands[1][x] * scale[1] + WB * bands[2][x] * scale[2];
                double a = alpha ? bands[colors][x] * scale[colors] : 1.0;
                out[y * w + x] = composite(gray, a, premultiplied);
            }
        }
    }

    private static void readViaRgb(BufferedImage image, float[] out) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] row = new int[w];
        boolean alpha = image.getColorModel().hasAlpha();
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                out[y * w + x] = composite(luminance8(argb), alpha ? ((argb >>> 24) & 0xff) / 255.0 : 1.0, false);
            }
        }
    }

    private static double luminance8(int argb) {
        return (WR * ((argb >> 16) & 0xff) + WG * ((argb >> 8) & 0xff) + WB * (argb & 0xff)) / 255.0;
    }

    /** Composites a gray value with coverage {@code a} over white paper. */
    private static float composite(double gray, double a, boolean premultiplied) {
        a = Math.min(1.0, Math.max(0.0, a));
        double v = premultiplied ? gray + (1.0 - a) : a * gray + (1.0 - a);
        return (float) Math.min(1.0, Math.max(0.0, v));
    }
}
