package dev.ductus.image.preprocess;

import dev.ductus.api.Box;
import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineRegion;
import dev.ductus.api.image.LineSegmenter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a paragraph image into text lines. The ink is projected along the page's skew (estimated by
 * {@link SkewEstimator}, so slightly rotated scans need no prior rotation) into a profile that
 * {@link LineBands} divides into one band per line. Then whole connected components are given to lines rather
 * than cutting pixels at the band edges ({@link ComponentAssignment}), so a descender reaching into the next
 * line's band stays with its own word; only letters of two lines that touch are cut apart. Each
 * line's image is white except for its own components (and the anti-aliased rim around them). Tiny components
 * (dust) are dropped, and the binariser's noise handling keeps the noise of a poor scan out of the mask, so it
 * neither steers the bands nor ends up in the line images. Each line image's pixel map places it on the page
 * (the page's map moved by the line's offset). Thread-safe.
 */
public final class ProjectionLineSegmenter implements LineSegmenter {
    private final Binarizer binarizer;
    private final double maxSkew;
    private final int minComponentPixels;
    private final double valleyRatio;

    /**
     * @param binarizer finds the ink
     * @param maxSkew the skew search range in degrees (0 assumes level lines)
     * @param minComponentPixels components smaller than this are dust
     * @param valleyRatio peaks whose valley is above this fraction of the lower peak are one line (about 0.6)
     */
    public ProjectionLineSegmenter(Binarizer binarizer, double maxSkew, int minComponentPixels, double valleyRatio) {
        if (maxSkew < 0 || maxSkew >= 45) throw new IllegalArgumentException("max skew must be in [0, 45), got " + maxSkew);
        if (!(valleyRatio > 0 && valleyRatio < 1)) throw new IllegalArgumentException("valley ratio must be in (0, 1), got " + valleyRatio);
        this.binarizer = binarizer;
        this.maxSkew = maxSkew;
        this.minComponentPixels = Math.max(1, minComponentPixels);
        this.valleyRatio = valleyRatio;
    }

    public ProjectionLineSegmenter() {
        this(Binarizer.standard(), 10, 4, 0.6);
    }

    @Override
    public List<LineRegion> segment(GrayImage page, Notes notes) {
        long t0 = System.nanoTime();
        NoiseHandling.Result ink = binarizer.find(page);
        InkMask mask = ink.mask();
        ConnectedComponents cc = ConnectedComponents.label(mask);
        boolean[] kept = keptComponents(cc);
        double skew = maxSkew > 0 ? new SkewEstimator(maxSkew, 0.1).estimate(mask) : 0;

        int w = page.width();
        int h = page.height();
        double a = Math.toRadians(skew);
        double sin = Math.sin(a);
        double cos = Math.cos(a);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        int radius = (int) Math.ceil(Math.hypot(cx, cy)) + 2;
        int[] labels = cc.labels();
        int[] bin = new int[labels.length];
        double[] profile = new double[2 * radius + 1];
        for (int p = 0; p < labels.length; p++) {
            if (labels[p] == 0 || !kept[labels[p]]) continue;
            int x = p % w;
            int y = p / w;
            bin[p] = (int) Math.floor((y - cy) * cos + (x - cx) * sin) + radius;
            profile[bin[p]]++;
        }
        // a line's ascenders, core and descenders must blur into one hump, the gap to the next line must not:
        // an eighth of the line pitch where lines repeat, else a quarter of the typical component (a letter
        // or a word) height
        double pitch = LineBands.pitch(profile);
        double sigma = Double.isNaN(pitch) ? medianHeight(cc, kept) / 4.0 : pitch / 8.0;
        LineBands.Bands bands = LineBands.find(profile, sigma, valleyRatio);
        if (bands.count() == 0) {
            notes.add("segment", "no ink found, 0 lines", millisSince(t0));
            return List.of();
        }
        int[] owner = new ComponentAssignment(mask, cc, kept, bin, profile.length, bands).owners();
        List<LineRegion> lines = cutOut(page, cc, owner, bands.count());
        String noise = ink.describe();
        notes.add("segment", String.format(Locale.ROOT, "%d lines (skew %.1f deg, %s%s)", lines.size(), skew,
                binarizer.describe(), noise.isEmpty() ? "" : "; " + noise), millisSince(t0));
        return lines;
    }

    private boolean[] keptComponents(ConnectedComponents cc) {
        boolean[] kept = new boolean[cc.count() + 1];
        for (int l = 1; l <= cc.count(); l++) kept[l] = cc.size(l) >= minComponentPixels;
        return kept;
    }

    private static double medianHeight(ConnectedComponents cc, boolean[] kept) {
        int[] heights = new int[cc.count()];
        int n = 0;
        for (int l = 1; l <= cc.count(); l++) if (kept[l]) heights[n++] = cc.heightOf(l);
        if (n == 0) return 1;
        Arrays.sort(heights, 0, n);
        return heights[n / 2];
    }

    /** Each line's bounding box (with a one-pixel rim) and its image, white outside its own ink. */
    private static List<LineRegion> cutOut(GrayImage page, ConnectedComponents cc, int[] owner, int lineCount) {
        int w = page.width();
        int h = page.height();
        int[] minX = new int[lineCount];
        int[] minY = new int[lineCount];
        int[] maxX = new int[lineCount];
        int[] maxY = new int[lineCount];
        Arrays.fill(minX, Integer.MAX_VALUE);
        Arrays.fill(minY, Integer.MAX_VALUE);
        Arrays.fill(maxX, -1);
        Arrays.fill(maxY, -1);
        for (int p = 0; p < owner.length; p++) {
            int b = owner[p];
            if (b < 0) continue;
            int x = p % w;
            int y = p / w;
            minX[b] = Math.min(minX[b], x);
            maxX[b] = Math.max(maxX[b], x);
            minY[b] = Math.min(minY[b], y);
            maxY[b] = Math.max(maxY[b], y);
        }
        int[] labels = cc.labels();
        float[] src = page.pixels();
        List<LineRegion> lines = new ArrayList<>();
        for (int b = 0; b < lineCount; b++) {
            if (maxX[b] < 0) continue;
            int x0 = Math.max(0, minX[b] - 1);
            int y0 = Math.max(0, minY[b] - 1);
            int x1 = Math.min(w, maxX[b] + 2);
            int y1 = Math.min(h, maxY[b] + 2);
            int bw = x1 - x0;
            int bh = y1 - y0;
            float[] out = new float[bw * bh];
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int p = y * w + x;
                    boolean mine = owner[p] == b || (labels[p] == 0 && touches(owner, w, h, x, y, b));
                    out[(y - y0) * bw + (x - x0)] = mine ? src[p] : 1f;
                }
            }
            int index = lines.size();
            String source = page.source() + " (line " + (index + 1) + ")";
            lines.add(new LineRegion(index, new Box(x0, y0, bw, bh), new GrayImage(bw, bh, out, null, source,
                    page.pixelMap().translate(x0, y0))));
        }
        return lines;
    }

    private static boolean touches(int[] owner, int w, int h, int x, int y, int line) {
        for (int dy = -1; dy <= 1; dy++) {
            int ny = y + dy;
            if (ny < 0 || ny >= h) continue;
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                if (nx >= 0 && nx < w && owner[ny * w + nx] == line) return true;
            }
        }
        return false;
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
