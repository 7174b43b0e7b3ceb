package dev.ductus.data.synth;

import java.util.SplittableRandom;

/**
 * Turns ink coverage into a scanned-looking gray image: ink of varying darkness and density (pen pressure,
 * drying ink), paper of varying brightness with smooth shading and specks, then blur, sensor noise and a
 * contrast change. Gray values: 0 black, 1 white.
 *
 * @param inkLevel gray value of full ink
 * @param inkTexture how much the ink density fades along the strokes (0 none)
 * @param paperLevel gray value of the paper
 * @param shading amplitude of smooth paper brightness changes
 * @param noise standard deviation of per-pixel noise
 * @param specks probability of a dark speck per pixel
 * @param blur Gaussian blur sigma in pixels
 * @param contrastLow the gray value black maps to
 * @param contrastHigh the gray value white maps to
 */
public record PaperAndInk(double inkLevel, double inkTexture, double paperLevel, double shading, double noise,
                          double specks, double blur, double contrastLow, double contrastHigh) {

    /** Black ink on white paper, nothing else: the "clean" option for debugging. */
    public static final PaperAndInk CLEAN = new PaperAndInk(0, 0, 1, 0, 0, 0, 0, 0, 1);

    public static PaperAndInk sample(SplittableRandom r, double strength) {
        if (strength <= 0) return CLEAN;
        double s = strength;
        return new PaperAndInk(
                between(r, 0.0, 0.30 * s),
                between(r, 0.05, 0.40) * s,
                1 - between(r, 0.0, 0.15 * s),
                between(r, 0.0, 0.07) * s,
                between(r, 0.01, 0.06) * s,
                between(r, 0.0, 0.0008) * s,
                between(r, 0.2, 1.3) * s,
                between(r, 0.0, 0.20 * s),
                1 - between(r, 0.0, 0.08 * s));
    }

    static double between(SplittableRandom r, double lo, double hi) {
        return hi <= lo ? lo : lo + (hi - lo) * r.nextDouble();
    }

    /** The gray image of {@code ink}. */
    public float[] render(InkMap ink, SplittableRandom r) {
        int w = ink.width();
        int h = ink.height();
        float[] in = ink.ink();
        float[] g = new float[w * h];
        float[] density = inkTexture > 0 ? SmoothNoise.field(w, h, 10 + 20 * r.nextDouble(), r) : null;
        float[] paper = shading > 0 ? SmoothNoise.field(w, h, 80 + 120 * r.nextDouble(), r) : null;
        for (int i = 0; i < g.length; i++) {
            double p = paperLevel + (paper == null ? 0 : shading * paper[i]);
            double d = density == null ? 1 : 1 - inkTexture * (0.5 + 0.5 * density[i]);
            double v = in[i] * d;
            g[i] = (float) (p - v * (p - inkLevel));
        }
        if (specks > 0) {
            for (int i = 0; i < g.length; i++) {
                if (r.nextDouble() < specks) g[i] = (float) Math.min(g[i], inkLevel + 0.3 * r.nextDouble());
            }
        }
        GaussianBlur.apply(g, w, h, blur);
        double span = contrastHigh - contrastLow;
        for (int i = 0; i < g.length; i++) {
            double v = g[i] + (noise > 0 ? noise * r.nextGaussian() : 0);
            v = contrastLow + span * v;
            g[i] = (float) Math.max(0, Math.min(1, v));
        }
        return g;
    }
}
