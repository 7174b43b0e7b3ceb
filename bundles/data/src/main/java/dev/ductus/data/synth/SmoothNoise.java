package dev.ductus.data.synth;

import java.util.SplittableRandom;

/**
 * A smooth random field in [-1, 1]: independent values on a coarse grid (one per {@code cell} pixels),
 * interpolated with smoothstep weights. Cheap low-frequency noise for elastic distortion, ink density and
 * paper shading, without a full-resolution blur.
 */
public final class SmoothNoise {
    private SmoothNoise() {
    }

    public static float[] field(int width, int height, double cell, SplittableRandom random) {
        int gw = (int) Math.ceil(width / cell) + 2;
        int gh = (int) Math.ceil(height / cell) + 2;
        float[] grid = new float[gw * gh];
        for (int i = 0; i < grid.length; i++) grid[i] = (float) (random.nextDouble() * 2 - 1);
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            double gy = y / cell;
            int y0 = (int) gy;
            float ty = smooth((float) (gy - y0));
            for (int x = 0; x < width; x++) {
                double gx = x / cell;
                int x0 = (int) gx;
                float tx = smooth((float) (gx - x0));
                float a = grid[y0 * gw + x0];
                float b = grid[y0 * gw + x0 + 1];
                float c = grid[(y0 + 1) * gw + x0];
                float d = grid[(y0 + 1) * gw + x0 + 1];
                out[y * width + x] = (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
            }
        }
        return out;
    }

    private static float smooth(float t) {
        return t * t * (3 - 2 * t);
    }
}
