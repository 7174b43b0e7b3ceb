package dev.ductus.image.preprocess;

/**
 * Estimates the skew of text from its ink by the projection-profile method (Postl 1986; Bloomberg et al. 1995):
 * for each candidate angle the ink is projected onto the direction perpendicular to it, and the angle whose
 * profile has the largest sum of squared bin counts (the sharpest rows: lines and gaps sharply separated) wins.
 * The search runs coarse to fine: every 0.5 deg over +-maxAngle, then around the best in 0.05 deg steps, then at
 * the final resolution. The angle is in degrees, positive when the text rises to the right (counter-clockwise
 * on screen); {@link ImageRotation#rotate} by its negative levels the text.
 */
public final class SkewEstimator {
    /** Enough ink for a stable profile; pages with more are thinned evenly. */
    private static final int MAX_PIXELS = 400_000;

    private final double maxAngle;
    private final double resolution;

    /**
     * @param maxAngle the search range +-maxAngle in degrees
     * @param resolution the finest step in degrees (e.g. 0.1)
     */
    public SkewEstimator(double maxAngle, double resolution) {
        if (!(maxAngle > 0 && maxAngle < 45)) throw new IllegalArgumentException("max angle must be in (0, 45), got " + maxAngle);
        if (!(resolution > 0)) throw new IllegalArgumentException("resolution must be positive, got " + resolution);
        this.maxAngle = maxAngle;
        this.resolution = resolution;
    }

    public SkewEstimator() {
        this(15, 0.1);
    }

    /** The skew angle in degrees; 0 when there is no ink. */
    public double estimate(InkMask mask) {
        InkPixels ink = InkPixels.of(mask, MAX_PIXELS);
        if (ink.count() < 2) return 0;
        Profiler profiler = new Profiler(ink, mask.width(), mask.height());
        double best = 0;
        double step = Math.min(0.5, maxAngle);
        best = search(profiler, -maxAngle, maxAngle, step, best);
        while (step > resolution * 1.0001) {
            double finer = Math.max(resolution, step / 10);
            best = search(profiler, Math.max(-maxAngle, best - step), Math.min(maxAngle, best + step), finer, best);
            step = finer;
        }
        return Math.round(best / resolution) * resolution;
    }

    /** The profile score at an angle: larger for sharper rows. Exposed for tests and diagnostics. */
    public static double score(InkMask mask, double degrees) {
        InkPixels ink = InkPixels.of(mask, MAX_PIXELS);
        return new Profiler(ink, mask.width(), mask.height()).score(degrees);
    }

    private static double search(Profiler profiler, double from, double to, double step, double fallback) {
        double best = fallback;
        double bestScore = -1;
        int steps = (int) Math.round((to - from) / step);
        for (int i = 0; i <= steps; i++) {
            double a = from + i * step;
            double s = profiler.score(a);
            // Ties go to the angle nearest zero, so flat profiles do not rotate at random.
            if (s > bestScore || (s == bestScore && Math.abs(a) < Math.abs(best))) {
                bestScore = s;
                best = a;
            }
        }
        return best;
    }

    /** Projects the ink onto the normal of a candidate text direction and scores the profile. */
    private static final class Profiler {
        private final InkPixels ink;
        private final double cx;
        private final double cy;
        private final int radius;
        private final long[] bins;

        Profiler(InkPixels ink, int width, int height) {
            this.ink = ink;
            cx = (width - 1) / 2.0;
            cy = (height - 1) / 2.0;
            radius = (int) Math.ceil(Math.hypot(cx, cy)) + 2;
            bins = new long[2 * radius + 1];
        }

        double score(double degrees) {
            double a = Math.toRadians(degrees);
            double sin = Math.sin(a);
            double cos = Math.cos(a);
            java.util.Arrays.fill(bins, 0);
            int[] xs = ink.xs();
            int[] ys = ink.ys();
            for (int i = 0; i < ink.count(); i++) {
                double y = (ys[i] - cy) * cos + (xs[i] - cx) * sin;
                bins[(int) Math.floor(y) + radius]++;
            }
            double s = 0;
            for (long b : bins) s += (double) b * b;
            return s;
        }
    }
}
