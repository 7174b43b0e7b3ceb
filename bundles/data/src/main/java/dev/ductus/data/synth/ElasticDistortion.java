package dev.ductus.data.synth;

import java.util.SplittableRandom;

/**
 * Elastic distortion (Simard et al. 2003): every pixel is moved by a smooth random displacement field, which
 * bends strokes the way an unsteady hand does. {@code alpha} is the largest displacement in pixels,
 * {@code cell} the distance over which it changes.
 */
public final class ElasticDistortion {
    private ElasticDistortion() {
    }

    public static InkMap apply(InkMap in, double alpha, double cell, SplittableRandom random) {
        if (alpha <= 0) return in;
        int w = in.width();
        int h = in.height();
        float[] dx = SmoothNoise.field(w, h, cell, random);
        float[] dy = SmoothNoise.field(w, h, cell, random);
        InkMap out = new InkMap(w, h);
        float[] o = out.ink();
        float a = (float) alpha;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                o[i] = in.sample(x + a * dx[i], y + a * dy[i]);
            }
        }
        return out;
    }
}
