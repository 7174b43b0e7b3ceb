package dev.ductus.image.preprocess;

/**
 * Estimates the slant of handwriting with the method of Vinciarelli & Luettin (2001): the ink is sheared by
 * candidate angles, and for each the columns holding a single continuous run of ink (an uninterrupted,
 * now vertical stroke) add the square of their height. Squaring favours long strokes, so the angle that makes the
 * most long strokes vertical wins. Candidates run every 1 deg over +-maxAngle, then every 0.25 deg around the
 * best, and a parabola through the best and its neighbours gives the final value. The angle is in degrees,
 * positive when strokes lean right (their tops to the right of their feet); {@link ImageShear#shear} by it
 * makes them upright.
 */
public final class SlantEstimator {
    private static final int MAX_PIXELS = 400_000;

    private final double maxAngle;

    /** @param maxAngle the search range +-maxAngle in degrees (at most 60) */
    public SlantEstimator(double maxAngle) {
        if (!(maxAngle > 0 && maxAngle <= 60)) throw new IllegalArgumentException("max angle must be in (0, 60], got " + maxAngle);
        this.maxAngle = maxAngle;
    }

    public SlantEstimator() {
        this(45);
    }

    /** The slant in degrees; 0 when there is no ink. */
    public double estimate(InkMask mask) {
        InkPixels ink = InkPixels.of(mask, MAX_PIXELS);
        if (ink.count() < 2) return 0;
        Columns columns = new Columns(ink, mask.width(), mask.height());
        double best = 0;
        double bestScore = -1;
        int coarse = (int) Math.floor(maxAngle);
        for (int a = -coarse; a <= coarse; a++) {
            double s = columns.score(a);
            if (s > bestScore || (s == bestScore && Math.abs(a) < Math.abs(best))) {
                bestScore = s;
                best = a;
            }
        }
        double step = 0.25;
        double center = best;
        double[] scores = new double[9];
        for (int i = 0; i < scores.length; i++) {
            double a = center + (i - 4) * step;
            scores[i] = Math.abs(a) <= maxAngle ? columns.score(a) : -1;
        }
        int bestIndex = 4;
        for (int i = 0; i < scores.length; i++) {
            boolean nearer = Math.abs(i - 4) < Math.abs(bestIndex - 4);
            if (scores[i] > scores[bestIndex] || (scores[i] == scores[bestIndex] && nearer)) bestIndex = i;
        }
        double angle = center + (bestIndex - 4) * step;
        if (bestIndex > 0 && bestIndex < scores.length - 1 && scores[bestIndex - 1] >= 0 && scores[bestIndex + 1] >= 0) {
            double l = scores[bestIndex - 1];
            double c = scores[bestIndex];
            double r = scores[bestIndex + 1];
            double denominator = l - 2 * c + r;
            if (denominator < 0) angle += step * 0.5 * (l - r) / denominator;
        }
        return Math.max(-maxAngle, Math.min(maxAngle, angle));
    }

    /** The Vinciarelli-Luettin score at an angle. Exposed for tests and diagnostics. */
    public static double score(InkMask mask, double degrees) {
        return new Columns(InkPixels.of(mask, MAX_PIXELS), mask.width(), mask.height()).score(degrees);
    }

    /** Per-column ink statistics of the sheared ink. */
    private static final class Columns {
        private final InkPixels ink;
        private final int height;
        private final int[] count;
        private final int[] minY;
        private final int[] maxY;
        private final int offset;

        Columns(InkPixels ink, int width, int height) {
            this.ink = ink;
            this.height = height;
            // tan(60 deg) * height covers every shear this class allows
            offset = (int) Math.ceil(2 * height) + 2;
            int n = width + 2 * offset;
            count = new int[n];
            minY = new int[n];
            maxY = new int[n];
        }

        double score(double degrees) {
            double t = Math.tan(Math.toRadians(degrees));
            java.util.Arrays.fill(count, 0);
            java.util.Arrays.fill(minY, Integer.MAX_VALUE);
            java.util.Arrays.fill(maxY, -1);
            int[] xs = ink.xs();
            int[] ys = ink.ys();
            double yRef = height / 2.0;
            for (int i = 0; i < ink.count(); i++) {
                int y = ys[i];
                // every pixel of a row moves by the same whole number of columns, so runs stay gap-free
                int c = xs[i] + (int) Math.round((y - yRef) * t) + offset;
                count[c]++;
                if (y < minY[c]) minY[c] = y;
                if (y > maxY[c]) maxY[c] = y;
            }
            double s = 0;
            for (int c = 0; c < count.length; c++) {
                int n = count[c];
                if (n > 0 && maxY[c] - minY[c] + 1 == n) s += (double) n * n;
            }
            return s;
        }
    }
}
