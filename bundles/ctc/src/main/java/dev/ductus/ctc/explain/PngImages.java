package dev.ductus.ctc.explain;

import dev.ductus.api.image.GrayImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Small PNGs as data URIs for a self-contained HTML page: a grayscale line, and one channel of a feature map in
 * a diverging colour scale (blue below zero, white at zero, red above; LSTM outputs lie in (-1, 1)). Pixels
 * are the map's own cells: the page scales them up with nearest-neighbour rendering.
 */
final class PngImages {
    private PngImages() {
    }

    static String gray(GrayImage im) {
        BufferedImage b = new BufferedImage(im.width(), im.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < im.height(); y++) {
            for (int x = 0; x < im.width(); x++) {
                int v = Math.round(Math.max(0, Math.min(1, im.get(x, y))) * 255);
                b.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return dataUri(b);
    }

    /** Channel c of the map, values divided by {@code scale} (then clipped to [-1, 1]). */
    static String channel(FeatureMap m, int c, double scale) {
        BufferedImage b = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) b.setRGB(x, y, diverging(m.get(y, x, c) / scale));
        }
        return dataUri(b);
    }

    static int diverging(double v) {
        double t = Math.max(-1, Math.min(1, v));
        int strong = 255;
        int weak = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? (strong << 16) | (weak << 8) | weak : (weak << 16) | (weak << 8) | strong;
    }

    private static String dataUri(BufferedImage b) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(b, "png", bytes)) throw new IOException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG: " + e.getMessage(), e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
