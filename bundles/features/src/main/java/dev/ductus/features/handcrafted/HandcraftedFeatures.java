package dev.ductus.features.handcrafted;

import dev.ductus.api.image.GrayImage;
import dev.ductus.features.window.SlidingWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * 57 handcrafted values per frame in the spirit of the classic sets: Vinciarelli & Bengio's cell densities,
 * Marti & Bunke's nine geometric features, and Bianne-Bernard / Bluche's zone densities, baseline-relative
 * centre of gravity, pixel configurations and gradient histograms. Ink is darkness (1 - intensity); binary
 * ink is darkness >= 0.5. Zones come from the image's LineGeometry (thirds of the height without one).
 * Rows are normalised by the image height H, baseline distances by the core height. See
 * {@link #DESCRIPTIONS} for every value.
 */
public final class HandcraftedFeatures implements FrameFeatures {
    public static final int DIMENSION = 57;

    /** Index of the first value of each group, for tests and for readers of the descriptions. */
    public static final int DENSITY = 0;
    public static final int CELLS = 4;
    public static final int CENTRE_OF_GRAVITY = 20;
    public static final int MOMENT = 21;
    public static final int UPPER_CONTOUR = 22;
    public static final int LOWER_CONTOUR = 23;
    public static final int UPPER_SLOPE = 24;
    public static final int LOWER_SLOPE = 25;
    public static final int TRANSITIONS = 26;
    public static final int BETWEEN_CONTOURS = 27;
    public static final int COG_TO_BASELINE = 28;
    public static final int COG_TO_CORE_TOP = 29;
    public static final int SUB_COLUMNS = 30;
    public static final int CONFIGURATIONS = 33;
    public static final int GRADIENTS = 41;
    public static final int CORE_GRADIENTS = 49;

    public static final List<String> DESCRIPTIONS = descriptions0();

    private static List<String> descriptions0() {
        List<String> d = new ArrayList<>();
        d.add("0 density: mean ink of the frame");
        d.add("1 upper-density: mean ink in the upper zone (ascenders)");
        d.add("2 core-density: mean ink in the core zone");
        d.add("3 lower-density: mean ink in the lower zone (descenders)");
        for (int band = 0; band < 8; band++) {
            for (String side : new String[] {"left", "right"}) {
                d.add((d.size()) + " cell-" + band + "-" + side + ": mean ink in horizontal band " + band
                        + " of 8 (top first), " + side + " half of the frame");
            }
        }
        d.add("20 cog: centre of gravity of the ink, row / H (core centre when there is no ink)");
        d.add("21 moment: standard deviation of ink rows around the centre of gravity / H");
        d.add("22 upper-contour: topmost binary ink row / H (centre of gravity when there is none)");
        d.add("23 lower-contour: bottommost binary ink row / H (centre of gravity when there is none)");
        d.add("24 upper-slope: (upper contour of next frame - of previous frame) / 2, 0 without ink on both sides");
        d.add("25 lower-slope: the same for the lower contour");
        d.add("26 transitions: white-to-black transitions down a column, averaged over the frame's columns");
        d.add("27 between-contours: fraction of binary ink between the upper and lower contour");
        d.add("28 cog-to-baseline: (baseline - centre of gravity) / core height, positive above the baseline");
        d.add("29 cog-to-core-top: (core top - centre of gravity) / core height, positive above the core");
        for (String third : new String[] {"left", "middle", "right"}) {
            d.add((d.size()) + " column-" + third + ": mean ink of the " + third + " third of the frame's columns");
        }
        String[] configs = {"concave corner open top-left (0 1 / 1 1)", "concave corner open top-right (1 0 / 1 1)",
            "concave corner open bottom-left (1 1 / 0 1)", "concave corner open bottom-right (1 1 / 1 0)",
            "diagonal \\ (1 0 / 0 1)", "diagonal / (0 1 / 1 0)", "vertical edge (1 0 / 1 0, 0 1 / 0 1)",
            "horizontal edge (1 1 / 0 0, 0 0 / 1 1)"};
        for (String c : configs) d.add((d.size()) + " config: fraction of 2x2 binary blocks that are a " + c);
        for (String area : new String[] {"frame", "core zone"}) {
            for (int b = 0; b < 8; b++) {
                d.add((d.size()) + " gradient-" + (area.equals("frame") ? "" : "core-") + (b * 45)
                        + ": Sobel gradient magnitude per pixel of the " + area + " pointing " + (b * 45)
                        + " deg (counter-clockwise from right, towards darker ink)");
            }
        }
        return List.copyOf(d);
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public List<String> descriptions() {
        return DESCRIPTIONS;
    }

    @Override
    public float[] extract(GrayImage line, SlidingWindow window) {
        InkImage img = new InkImage(line);
        LineZones zones = LineZones.of(img.height, line.geometry());
        int frames = window.frames(img.width);
        float[] out = new float[frames * DIMENSION];
        boolean[] hasInk = new boolean[frames];
        for (int k = 0; k < frames; k++) {
            hasInk[k] = frame(img, zones, window.start(k), window.width(), out, k * DIMENSION);
        }
        for (int k = 0; k < frames; k++) {
            int o = k * DIMENSION;
            boolean both = k > 0 && k + 1 < frames && hasInk[k - 1] && hasInk[k + 1];
            out[o + UPPER_SLOPE] = both ? (out[o + DIMENSION + UPPER_CONTOUR] - out[o - DIMENSION + UPPER_CONTOUR]) / 2 : 0;
            out[o + LOWER_SLOPE] = both ? (out[o + DIMENSION + LOWER_CONTOUR] - out[o - DIMENSION + LOWER_CONTOUR]) / 2 : 0;
        }
        return out;
    }

    /** Fills one frame's values except the slopes; returns whether the frame has binary ink. */
    static boolean frame(InkImage img, LineZones zones, int x0, int w, float[] out, int o) {
        int h = img.height;
        double total = 0;
        double[] zoneInk = new double[3];
        double[] bandInkLeft = new double[8];
        double[] bandInkRight = new double[8];
        double[] bandWeight = new double[8];
        double[] thirdInk = new double[3];
        double[] thirdWeight = new double[3];
        double sumY = 0;
        int top = -1;
        int bottom = -1;
        int transitions = 0;
        for (int i = 0; i < w; i++) {
            int x = x0 + i;
            double left = Math.max(0, Math.min(1, w / 2.0 - i));
            boolean above = false;
            double colInk = 0;
            for (int y = 0; y < h; y++) {
                float ink = img.ink(x, y);
                total += ink;
                colInk += ink;
                zoneInk[y < zones.coreTop() ? 0 : y < zones.coreEnd() ? 1 : 2] += ink;
                int band = y * 8 / h;
                bandInkLeft[band] += ink * left;
                bandInkRight[band] += ink * (1 - left);
                if (i == 0) bandWeight[band] += 1;
                sumY += ink * (y + 0.5);
                boolean black = ink >= InkImage.INK_THRESHOLD;
                if (black) {
                    if (top < 0 || y < top) top = y;
                    if (y > bottom) bottom = y;
                    if (!above) transitions++;
                }
                above = black;
            }
            for (int third = 0; third < 3; third++) {
                double overlap = Math.max(0, Math.min(i + 1, w * (third + 1) / 3.0) - Math.max(i, w * third / 3.0));
                if (overlap <= 0) continue;
                thirdInk[third] += overlap * colInk / h;
                thirdWeight[third] += overlap;
            }
        }
        int pixels = w * h;
        out[o + DENSITY] = (float) (total / pixels);
        int[] zoneRows = {zones.coreTop(), zones.coreHeight(), h - zones.coreEnd()};
        for (int z = 0; z < 3; z++) out[o + 1 + z] = zoneRows[z] == 0 ? 0f : (float) (zoneInk[z] / (zoneRows[z] * (double) w));
        double halfWeightLeft = 0;
        for (int i = 0; i < w; i++) halfWeightLeft += Math.max(0, Math.min(1, w / 2.0 - i));
        double halfWeightRight = w - halfWeightLeft;
        for (int band = 0; band < 8; band++) {
            double rows = bandWeight[band];
            out[o + CELLS + 2 * band] = rows == 0 ? 0f : (float) (bandInkLeft[band] / (rows * halfWeightLeft));
            out[o + CELLS + 2 * band + 1] = rows == 0 ? 0f : (float) (bandInkRight[band] / (rows * halfWeightRight));
        }
        double cog = total > 1e-9 ? sumY / total : zones.coreCentre();
        double var = 0;
        if (total > 1e-9) {
            for (int i = 0; i < w; i++) {
                for (int y = 0; y < h; y++) {
                    double dy = y + 0.5 - cog;
                    var += img.ink(x0 + i, y) * dy * dy;
                }
            }
            var /= total;
        }
        out[o + CENTRE_OF_GRAVITY] = (float) (cog / h);
        out[o + MOMENT] = (float) (Math.sqrt(var) / h);
        boolean ink = top >= 0;
        out[o + UPPER_CONTOUR] = (float) ((ink ? top + 0.5 : cog) / h);
        out[o + LOWER_CONTOUR] = (float) ((ink ? bottom + 0.5 : cog) / h);
        out[o + TRANSITIONS] = (float) transitions / w;
        if (ink) {
            int black = 0;
            for (int i = 0; i < w; i++) for (int y = top; y <= bottom; y++) if (img.black(x0 + i, y)) black++;
            out[o + BETWEEN_CONTOURS] = (float) black / (w * (bottom - top + 1));
        }
        out[o + COG_TO_BASELINE] = (float) ((zones.baseline() - cog) / zones.coreHeight());
        out[o + COG_TO_CORE_TOP] = (float) ((zones.coreTop() - cog) / zones.coreHeight());
        for (int third = 0; third < 3; third++) {
            out[o + SUB_COLUMNS + third] = thirdWeight[third] == 0 ? 0f : (float) (thirdInk[third] / thirdWeight[third]);
        }
        PixelConfigurations.count(img, x0, w, out, o + CONFIGURATIONS);
        GradientHistogram.accumulate(img, x0, w, 0, h, out, o + GRADIENTS);
        GradientHistogram.accumulate(img, x0, w, zones.coreTop(), zones.coreEnd(), out, o + CORE_GRADIENTS);
        return ink;
    }
}
