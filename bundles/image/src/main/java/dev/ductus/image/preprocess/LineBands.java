package dev.ductus.image.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a horizontal ink projection profile into text-line bands: the profile is smoothed with a Gaussian, its
 * peaks are the lines and the lowest points between neighbouring peaks are the cuts. Peaks are merged while the
 * valley between two of them is shallow (above {@code valleyRatio} of the lower peak: two humps of one line,
 * e.g. its core and a row of capitals) and, with three or more lines, while two lie closer than half the median
 * line distance (accents, i-dots, stray descenders). Peaks below a tenth of the highest are noise.
 */
final class LineBands {
    /** Peaks (profile indices) of the lines, top to bottom, and the cuts between them (one fewer). */
    record Bands(int[] peaks, int[] cuts) {
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
        if (peaks.isEmpty()) return new Bands(new int[0], new int[0]);
        mergeShallow(s, peaks, valleyRatio);
        mergeClose(s, peaks);
        int[] p = peaks.stream().mapToInt(Integer::intValue).toArray();
        int[] cuts = new int[p.length - 1];
        for (int i = 0; i + 1 < p.length; i++) cuts[i] = valley(s, p[i], p[i + 1]);
        return new Bands(p, cuts);
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
