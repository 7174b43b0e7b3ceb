package dev.ductus.image.preprocess;

/**
 * Removes specks from an ink mask: connected components smaller than a size relative to the stroke, so noise
 * that survived thresholding cannot steer the skew, slant, baseline, crop or line estimates. The stroke width is
 * the median, over all ink pixels, of the shorter of the horizontal and the vertical run through the pixel (a
 * vertical stem of width w gives w across and its height down); pixel-weighted, so the strokes, which hold most
 * of the ink of a cleaned mask, decide it. A speck is smaller than {@code relativeSize} times the square of that
 * width, and never smaller than {@link #MIN_PIXELS}: with 0.5, an i-dot or a full stop of the pen's own width
 * stays.
 */
public final class SpeckFilter {
    /** Components of fewer pixels are always specks when the filter is on. */
    public static final int MIN_PIXELS = 3;
    /** Runs are counted up to this length; wider strokes do not occur in text. */
    private static final int MAX_RUN = 255;

    private SpeckFilter() {
    }

    /** A cleaned mask and how many specks were taken out of it. */
    public record Cleaned(InkMask mask, int removed) {
    }

    /** The mask without its specks; {@code relativeSize <= 0} returns the mask itself. */
    public static InkMask clean(InkMask mask, double relativeSize) {
        return removeSpecks(mask, relativeSize).mask();
    }

    /** The mask without its specks, and their number; the same mask when there are none. */
    public static Cleaned removeSpecks(InkMask mask, double relativeSize) {
        if (!(relativeSize > 0)) return new Cleaned(mask, 0);
        InkRuns runs = InkRuns.of(mask);
        if (runs.count == 0) return new Cleaned(mask, 0);
        double stroke = strokeWidth(mask, runs);
        int minSize = Math.max(MIN_PIXELS, (int) Math.ceil(relativeSize * stroke * stroke));
        int[] component = runs.components();
        int[] size = new int[runs.count];
        for (int i = 0; i < runs.count; i++) size[component[i]] += runs.length(i);
        int removed = 0;
        for (int i = 0; i < runs.count; i++) if (component[i] == i && size[i] < minSize) removed++;
        if (removed == 0) return new Cleaned(mask, 0);
        boolean[] ink = mask.flags().clone();
        int w = mask.width();
        for (int i = 0; i < runs.count; i++) {
            if (size[component[i]] < minSize) {
                int base = runs.row[i] * w;
                java.util.Arrays.fill(ink, base + runs.start[i], base + runs.end[i], false);
            }
        }
        return new Cleaned(new InkMask(w, mask.height(), ink), removed);
    }

    /** The smallest component that is not a speck. */
    public static int minSize(InkMask mask, double relativeSize) {
        double stroke = strokeWidth(mask);
        return Math.max(MIN_PIXELS, (int) Math.ceil(relativeSize * stroke * stroke));
    }

    /** The median of min(horizontal run, vertical run) over the ink pixels; 0 for an empty mask. */
    public static double strokeWidth(InkMask mask) {
        return strokeWidth(mask, InkRuns.of(mask));
    }

    private static double strokeWidth(InkMask mask, InkRuns runs) {
        int w = mask.width();
        boolean[] ink = mask.flags();
        // vertical runs: first the length so far from above, walking the rows in memory order; then, from the
        // last run back, the full length of the run each pixel is in (the pixel below is done by then)
        int[] down = new int[ink.length];
        for (int p = 0; p < ink.length; p++) {
            if (ink[p]) down[p] = p >= w ? Math.min(MAX_RUN, down[p - w] + 1) : 1;
        }
        long[] histogram = new long[MAX_RUN + 1];
        long total = 0;
        for (int i = runs.count - 1; i >= 0; i--) {
            int across = Math.min(MAX_RUN, runs.length(i));
            int base = runs.row[i] * w;
            for (int p = base + runs.end[i] - 1; p >= base + runs.start[i]; p--) {
                if (p + w < ink.length && ink[p + w]) down[p] = down[p + w];
                histogram[Math.min(across, down[p])]++;
            }
            total += runs.length(i);
        }
        if (total == 0) return 0;
        long half = (total + 1) / 2;
        long seen = 0;
        for (int run = 1; run <= MAX_RUN; run++) {
            seen += histogram[run];
            if (seen >= half) return run;
        }
        return MAX_RUN;
    }
}
