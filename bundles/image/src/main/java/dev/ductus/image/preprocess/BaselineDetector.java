package dev.ductus.image.preprocess;

import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;

/**
 * Finds the reference lines of a deskewed text line from its horizontal ink projection. The core zone (the
 * lower-case body between mean line and baseline) is where rows are densest: the run of rows whose lightly
 * smoothed ink count reaches {@code coreFraction} of the maximum, holding the most ink. Where the mean count of
 * the rows from the first to the last ink row is lower, that is the level instead: serif fonts and pens that
 * press at the turns give peaks at mean line and baseline that would otherwise break the core into pieces. Its edges are then moved
 * to the sharpest change of the raw profile nearby, since the body of the letters starts and ends abruptly while
 * ascenders and descenders are sparse. Rows are counted from the top; {@code baseline} is the first row below the
 * core (the row the letters stand on, as in {@code Graphics2D.drawString}) and {@code bottom} is one past the
 * last ink row.
 */
public final class BaselineDetector {
    private final Binarizer binarizer;
    private final double coreFraction;

    /**
     * @param binarizer finds the ink
     * @param coreFraction rows with at least this fraction of the densest row's ink are core rows (about 0.4-0.6)
     */
    public BaselineDetector(Binarizer binarizer, double coreFraction) {
        if (!(coreFraction > 0 && coreFraction < 1)) {
            throw new IllegalArgumentException("core fraction must be in (0, 1), got " + coreFraction);
        }
        this.binarizer = binarizer;
        this.coreFraction = coreFraction;
    }

    public BaselineDetector() {
        this(Binarizer.standard(), 0.5);
    }

    /**
     * The geometry of the image's ink, found with the binariser (whose noise handling keeps noise rows out of
     * the profile).
     *
     * @throws InputException when the image holds no ink
     */
    public LineGeometry detect(GrayImage image) {
        LineGeometry g = detect(binarizer.binarize(image));
        if (g == null) throw new InputException(image.source(), "no ink found: cannot find the baseline");
        return g;
    }

    /** The geometry of the ink, or null when there is none. */
    public LineGeometry detect(InkMask mask) {
        int h = mask.height();
        int w = mask.width();
        double[] rows = new double[h];
        boolean[] flags = mask.flags();
        for (int y = 0; y < h; y++) {
            int n = 0;
            for (int x = 0; x < w; x++) if (flags[y * w + x]) n++;
            rows[y] = n;
        }
        int top = 0;
        while (top < h && rows[top] == 0) top++;
        if (top == h) return null;
        int last = h - 1;
        while (rows[last] == 0) last--;
        int bottom = last + 1;

        double[] smooth = new double[h];
        double max = 0;
        double inkRowsTotal = 0;
        for (int y = 0; y < h; y++) {
            double s = rows[y] * 2;
            s += y > 0 ? rows[y - 1] : 0;
            s += y + 1 < h ? rows[y + 1] : 0;
            smooth[y] = s / 4;
            max = Math.max(max, smooth[y]);
            if (y >= top && y < bottom) inkRowsTotal += smooth[y];
        }
        double meanOfInkRows = inkRowsTotal / (bottom - top);
        int[] run = densestRun(smooth, Math.min(coreFraction * max, meanOfInkRows));
        int coreTop = run[0];
        int coreEnd = run[1];
        int reach = Math.max(2, (coreEnd - coreTop) / 4);
        coreTop = sharpestRise(rows, coreTop, reach, top, coreEnd - 1);
        int baseline = sharpestFall(rows, coreEnd, reach, coreTop + 1, bottom);
        return new LineGeometry(Math.min(top, coreTop), coreTop, baseline, Math.max(bottom, baseline));
    }

    /** The run [start, end) of rows at or above the level holding the most ink; gaps of 1-2 rows are bridged. */
    private static int[] densestRun(double[] profile, double level) {
        int bestStart = 0;
        int bestEnd = 0;
        double bestMass = -1;
        int y = 0;
        int h = profile.length;
        while (y < h) {
            if (profile[y] < level) {
                y++;
                continue;
            }
            int start = y;
            int end = y;
            double mass = 0;
            while (end < h) {
                if (profile[end] >= level) {
                    mass += profile[end];
                    end++;
                } else if (end + 2 < h && (profile[end + 1] >= level || profile[end + 2] >= level)) {
                    mass += profile[end];
                    end++;
                } else {
                    break;
                }
            }
            if (mass > bestMass) {
                bestMass = mass;
                bestStart = start;
                bestEnd = end;
            }
            y = end;
        }
        return new int[] {bestStart, bestEnd};
    }

    /** The row in [around - reach, around + reach] (within [lo, hi]) after the steepest increase of ink. */
    private static int sharpestRise(double[] rows, int around, int reach, int lo, int hi) {
        int best = around;
        double bestRise = Double.NEGATIVE_INFINITY;
        for (int y = Math.max(lo, around - reach); y <= Math.min(hi, around + reach); y++) {
            double rise = rows[y] - (y > 0 ? rows[y - 1] : 0);
            if (rise > bestRise) {
                bestRise = rise;
                best = y;
            }
        }
        return best;
    }

    /** The first row after the steepest decrease of ink, searched in [around - reach, around + reach]. */
    private static int sharpestFall(double[] rows, int around, int reach, int lo, int hi) {
        int best = around;
        double bestFall = Double.NEGATIVE_INFINITY;
        for (int y = Math.max(lo, around - reach); y <= Math.min(hi, around + reach); y++) {
            double fall = rows[y - 1] - (y < rows.length ? rows[y] : 0);
            if (fall > bestFall) {
                bestFall = fall;
                best = y;
            }
        }
        return best;
    }
}
