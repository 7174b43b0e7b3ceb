package dev.ductus.image.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a horizontal ink projection profile into text-line bands: the profile is smoothed with a Gaussian (the
 * caller picks the width, e.g. an eighth of the {@link #pitch line pitch}), its
 * peaks are the lines and the lowest points between neighbouring peaks are the cuts. Peaks are merged while the
 * valley between two of them is shallow (above {@code valleyRatio} of the lower peak: two humps of one line,
 * e.g. its core and a row of capitals) and, with three or more lines, while two lie closer than half the median
 * line distance (accents, i-dots, stray descenders). Peaks below a tenth of the highest are noise.
 */
final class LineBands {
    /**
     * Peaks (profile indices) of the lines, top to bottom, the cuts between them (one fewer), and each line's
     * core: the rows [coreStart, coreEnd) of its band from the first to the last where the barely smoothed
     * profile reaches half the band's maximum (the dense body of the line, without the sparse ascenders and
     * descenders).
     */
    record Bands(int[] peaks, int[] cuts, int[] coreStart, int[] coreEnd) {
        int count() {
            return peaks.length;
        }

        /** The band of a profile index: the number of cuts at or above it. */
        int bandOf(int index) {
            int lo = 0;
            int hi = cuts.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cuts[mid] <= index) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }

    private static final double MIN_PEAK = 0.1;

    private LineBands() {
    }

    static Bands find(double[] profile, double sigma, double valleyRatio) {
        double[] s = smooth(profile, sigma);
        double max = 0;
        for (double v : s) max = Math.max(max, v);
        List<Integer> peaks = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            double left = i > 0 ? s[i - 1] : 0;
            double right = i + 1 < s.length ? s[i + 1] : 0;
            if (s[i] > left && s[i] >= right && s[i] >= MIN_PEAK * max) peaks.add(i);
        }
        if (peaks.isEmpty()) return new Bands(new int[0], new int[0], new int[0], new int[0]);
        mergeShallow(s, peaks, valleyRatio);
        mergeClose(s, peaks);
        int[] p = peaks.stream().mapToInt(Integer::intValue).toArray();
        int[] cuts = new int[p.length - 1];
        for (int i = 0; i + 1 < p.length; i++) cuts[i] = valley(s, p[i], p[i + 1]);
        // the core is measured on a barely smoothed profile: the line-sized smoothing above would widen it
        // into the ascenders and descenders
        double[] fine = smooth(profile, 1);
        int[] coreStart = new int[p.length];
        int[] coreEnd = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int lo = i == 0 ? 0 : cuts[i - 1];
            int hi = i == p.length - 1 ? s.length : cuts[i];
            double top = 0;
            for (int k = lo; k < hi; k++) top = Math.max(top, fine[k]);
            int a = lo;
            while (a < hi - 1 && fine[a] < 0.5 * top) a++;
            int b = hi;
            while (b > a + 1 && fine[b - 1] < 0.5 * top) b--;
            coreStart[i] = a;
            coreEnd[i] = b;
        }
        return new Bands(p, cuts, coreStart, coreEnd);
    }

    private static void mergeShallow(double[] s, List<Integer> peaks, double valleyRatio) {
        while (peaks.size() > 1) {
            int worst = -1;
            double worstRatio = valleyRatio;
            for (int i = 0; i + 1 < peaks.size(); i++) {
                int a = peaks.get(i);
                int b = peaks.get(i + 1);
                double ratio = s[valley(s, a, b)] / Math.min(s[a], s[b]);
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = i;
                }
            }
            if (worst < 0) return;
            removeLower(s, peaks, worst);
        }
    }

    private static void mergeClose(double[] s, List<Integer> peaks) {
        while (peaks.size() >= 3) {
            double[] gaps = new double[peaks.size() - 1];
            for (int i = 0; i < gaps.length; i++) gaps[i] = peaks.get(i + 1) - peaks.get(i);
            double[] sorted = gaps.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            int closest = 0;
            for (int i = 1; i < gaps.length; i++) if (gaps[i] < gaps[closest]) closest = i;
            if (gaps[closest] >= 0.5 * median) return;
            removeLower(s, peaks, closest);
        }
    }

    private static void removeLower(double[] s, List<Integer> peaks, int i) {
        if (s[peaks.get(i)] < s[peaks.get(i + 1)]) peaks.remove(i);
        else peaks.remove(i + 1);
    }

    /** The middle of the lowest stretch of the profile strictly between two peaks. */
    static int valley(double[] s, int a, int b) {
        double min = Double.POSITIVE_INFINITY;
        int first = a + 1;
        int last = a + 1;
        for (int i = a + 1; i < b; i++) {
            if (s[i] < min) {
                min = s[i];
                first = i;
                last = i;
            } else if (s[i] == min) {
                last = i;
            }
        }
        return b - a < 2 ? b : (first + last) / 2;
    }

    /**
     * The line pitch (distance between neighbouring lines) of a profile from its autocorrelation: the first
     * positive local maximum of the normalised autocorrelation of the mean-free profile after it first turns
     * negative. NaN when there is no such maximum (one line, or no regular spacing).
     */
    static double pitch(double[] profile) {
        int first = 0;
        while (first < profile.length && profile[first] == 0) first++;
        int last = profile.length - 1;
        while (last > first && profile[last] == 0) last--;
        int n = last - first + 1;
        if (n < 4) return Double.NaN;
        double mean = 0;
        for (int i = first; i <= last; i++) mean += profile[i];
        mean /= n;
        double[] d = new double[n];
        double energy = 0;
        for (int i = 0; i < n; i++) {
            d[i] = profile[first + i] - mean;
            energy += d[i] * d[i];
        }
        if (energy == 0) return Double.NaN;
        double[] r = new double[n / 2 + 2];
        for (int k = 0; k < r.length && k < n; k++) {
            double s = 0;
            for (int i = 0; i + k < n; i++) s += d[i] * d[i + k];
            r[k] = s / energy;
        }
        int k = 1;
        while (k < r.length && r[k] > 0) k++;
        for (k = k + 1; k + 1 < r.length; k++) {
            if (r[k] > 0 && r[k] >= r[k - 1] && r[k] > r[k + 1]) return k;
        }
        return Double.NaN;
    }

    static double[] smooth(double[] profile, double sigma) {
        if (sigma <= 0.3) return profile.clone();
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            total += kernel[i + radius];
        }
        double[] out = new double[profile.length];
        for (int i = 0; i < profile.length; i++) {
            double v = 0;
            for (int k = -radius; k <= radius; k++) {
                int j = i + k;
                if (j >= 0 && j < profile.length) v += profile[j] * kernel[k + radius];
            }
            out[i] = v / total;
        }
        return out;
    }
}
