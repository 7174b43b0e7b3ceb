package dev.ductus.features;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import java.util.Arrays;

/** Synthetic line images with known content. */
public final class Images {
    private Images() {
    }

    public static float[] white(int w, int h) {
        float[] p = new float[w * h];
        Arrays.fill(p, 1f);
        return p;
    }

    /** Paints ink (0) into columns [x0, x1) and rows [y0, y1). */
    public static void ink(float[] p, int w, int x0, int x1, int y0, int y1) {
        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) p[y * w + x] = 0f;
    }

    public static GrayImage image(int w, int h, float[] p, LineGeometry g) {
        return new GrayImage(w, h, p, g, "synthetic");
    }
}
