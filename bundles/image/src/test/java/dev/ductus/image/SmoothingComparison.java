package dev.ductus.image;

import dev.ductus.api.image.GrayImage;
import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.ContrastEnhancer;
import dev.ductus.image.preprocess.InkMask;
import dev.ductus.image.preprocess.NoiseHandling;
import dev.ductus.image.preprocess.OtsuThreshold;
import dev.ductus.image.preprocess.PaperNoise;
import dev.ductus.image.preprocess.SkewEstimator;
import dev.ductus.image.preprocess.SlantEstimator;
import dev.ductus.image.preprocess.SpeckFilter;
import java.awt.Font;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurement behind the default smoothing: Gaussian blurs of sigma 0.7, 1 and 1.5 against a 3x3 median, each
 * followed by the same noise floor and speck removal, on faded noisy lines (1100x150, skew -2, slant 15) in the
 * given TrueType fonts at 30 and 40 px (handwriting fonts with thin strokes are the point; without arguments, Serif
 * 54 and Sans 28). Per condition it prints the mean F1 of the mask against the drawn ink and how often skew (more than 0.5
 * deg) and slant (more than 4 deg from the clean line's estimate) go wrong. Not a unit test: run by hand, e.g.
 * {@code java -cp ... dev.ductus.image.SmoothingComparison ~/.cache/ductus/npm/.../Allura_400Regular.ttf ...}.
 */
public final class SmoothingComparison {
    private static final String[] VARIANTS = {"gauss 0.7", "gauss 1.0", "gauss 1.5", "median 3x3"};
    private static final double[][] CONDITIONS = {{0.35, 0.08}, {0.35, 0.12}, {0.25, 0.08}, {0.5, 0.05}};

    private SmoothingComparison() {
    }

    public static void main(String[] args) throws Exception {
        List<Font> fonts = new ArrayList<>();
        for (String file : args) {
            Font font = Font.createFont(Font.TRUETYPE_FONT, new File(file));
            fonts.add(font.deriveFont(30f));
            fonts.add(font.deriveFont(40f));
        }
        if (fonts.isEmpty()) {
            fonts.add(new Font(Font.SERIF, Font.PLAIN, 54));
            fonts.add(new Font(Font.SANS_SERIF, Font.PLAIN, 28));
        }
        for (double[] condition : CONDITIONS) {
            Map<String, double[]> results = new LinkedHashMap<>();
            for (String v : VARIANTS) results.put(v, new double[4]);
            for (Font font : fonts) {
                NoisyScans.Line line = NoisyScans.line("quick brown fox jumps over the lazy dog", font, 1100, 150, 15, -2);
                boolean[] truth = OtsuThreshold.binarize(line.clean()).flags();
                double cleanSlant = new SlantEstimator().estimate(new InkMask(1100, 150, truth));
                for (int seed = 1; seed <= 2; seed++) {
                    GrayImage scan = NoisyScans.degrade(line.clean(), condition[0], 0.065, condition[1], seed);
                    GrayImage image = new ContrastEnhancer().enhance(scan).image();
                    for (String v : VARIANTS) {
                        InkMask mask = mask(image, v);
                        double[] r = results.get(v);
                        r[0] += f1(mask.flags(), truth);
                        if (Math.abs(new SkewEstimator().estimate(mask) + 2) > 0.5) r[1]++;
                        if (Math.abs(new SlantEstimator().estimate(mask) - cleanSlant) > 4) r[2]++;
                        r[3]++;
                    }
                }
            }
            for (var e : results.entrySet()) {
                double[] r = e.getValue();
                System.out.printf(Locale.ROOT, "contrast %.2f noise %.2f %-10s mean F1 %.3f, skew wrong %.0f, slant wrong %.0f of %.0f%n",
                        condition[0], condition[1], e.getKey(), r[0] / r[3], r[1], r[2], r[3]);
            }
        }
    }

    private static InkMask mask(GrayImage image, String variant) {
        if (variant.startsWith("gauss")) {
            double sigma = Double.parseDouble(variant.substring(6));
            return Binarizer.otsu().with(new NoiseHandling(sigma, NoiseHandling.DEFAULT_DESPECKLE)).binarize(image);
        }
        PaperNoise noise = PaperNoise.of(image);
        if (!noise.noticeable()) return SpeckFilter.clean(OtsuThreshold.binarize(image), NoiseHandling.DEFAULT_DESPECKLE);
        GrayImage smoothed = median3(image);
        // a 3x3 median leaves about sqrt(pi / 18) = 0.42 of Gaussian pixel noise
        double left = 0.42 * noise.sigma();
        double floor = PaperNoise.paperLevel(OtsuThreshold.histogram(smoothed), left) - NoiseHandling.NOISE_MARGIN * left;
        float threshold = Math.min(OtsuThreshold.threshold(smoothed), (float) floor);
        return SpeckFilter.clean(InkMask.threshold(smoothed, threshold), NoiseHandling.DEFAULT_DESPECKLE);
    }

    private static GrayImage median3(GrayImage image) {
        int w = image.width();
        int h = image.height();
        float[] p = image.pixels();
        float[] out = new float[p.length];
        float[] window = new float[9];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        window[n++] = p[Math.max(0, Math.min(h - 1, y + dy)) * w + Math.max(0, Math.min(w - 1, x + dx))];
                    }
                }
                Arrays.sort(window);
                out[y * w + x] = window[4];
            }
        }
        return image.derive(w, h, out);
    }

    private static double f1(boolean[] found, boolean[] truth) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < found.length; i++) {
            if (found[i] && truth[i]) tp++;
            else if (found[i]) fp++;
            else if (truth[i]) fn++;
        }
        return 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
