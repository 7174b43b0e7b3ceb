package dev.ductus.eval;

import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.ConfidenceCalibration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a {@link ConfidenceCalibration} to characters known to be right or wrong, and measures calibration by
 * the expected calibration error (ECE: the mean |accuracy - confidence| over equal-width confidence bins,
 * weighted by how many characters fall in each). A character is right when the minimal alignment of the
 * recognised text with the reference matches it.
 */
public final class Calibration {
    public static final int BINS = 15;

    /** Characters with their confidence and whether each was right. */
    public static final class Samples {
        private double[] confidence = new double[256];
        private boolean[] correct = new boolean[256];
        private int size;

        /** Adds the characters of one recognised line, judged against its reference transcription. */
        public void add(String reference, List<CharSpan> characters) {
            StringBuilder hyp = new StringBuilder();
            for (CharSpan c : characters) hyp.append(c.symbol());
            boolean[] right = judge(reference, hyp.toString(), characters);
            for (int i = 0; i < characters.size(); i++) add(characters.get(i).confidence(), right[i]);
        }

        public void add(double c, boolean right) {
            if (size == confidence.length) {
                confidence = java.util.Arrays.copyOf(confidence, size * 2);
                correct = java.util.Arrays.copyOf(correct, size * 2);
            }
            confidence[size] = c;
            correct[size] = right;
            size++;
        }

        public int size() {
            return size;
        }

        public double[] confidences() {
            return java.util.Arrays.copyOf(confidence, size);
        }

        public boolean[] correct() {
            return java.util.Arrays.copyOf(correct, size);
        }
    }

    private Calibration() {
    }

    /** Whether each character (its symbols in order make {@code hypothesis}) matches the reference. */
    static boolean[] judge(String reference, String hypothesis, List<CharSpan> characters) {
        Alignment a = EditDistance.alignCharacters(reference, hypothesis);
        List<Boolean> perCodePoint = new ArrayList<>();
        for (Alignment.Step s : a.steps()) {
            if (s.hypothesis() != null) perCodePoint.add(s.op() == Alignment.Op.MATCH);
        }
        boolean[] out = new boolean[characters.size()];
        int k = 0;
        for (int i = 0; i < characters.size(); i++) {
            // a symbol of several code points is right when all of them are
            int n = characters.get(i).symbol().codePointCount(0, characters.get(i).symbol().length());
            boolean right = n > 0;
            for (int j = 0; j < n && k < perCodePoint.size(); j++) right &= perCodePoint.get(k++);
            out[i] = right;
        }
        return out;
    }

    /**
     * Maximum-likelihood Platt scaling: logistic regression of rightness on the log-odds of the confidence, by
     * Newton's method (two parameters; a tiny ridge keeps it defined when the classes separate). Returns the
     * identity map (a = 1, b = 0) when there are no characters, or all are right or all wrong.
     */
    public static ConfidenceCalibration fit(double[] confidence, boolean[] correct) {
        int n = confidence.length;
        int right = 0;
        for (boolean c : correct) if (c) right++;
        if (n == 0 || right == 0 || right == n) return new ConfidenceCalibration(1, 0);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = ConfidenceCalibration.logit(confidence[i]);
        double a = 1, b = 0;
        double ridge = 1e-6 * n;
        for (int iter = 0; iter < 100; iter++) {
            double ga = ridge * (a - 1), gb = 0, haa = ridge, hab = 0, hbb = 1e-9 * n;
            for (int i = 0; i < n; i++) {
                double p = ConfidenceCalibration.sigmoid(a * x[i] + b);
                double r = p - (correct[i] ? 1 : 0);
                double w = p * (1 - p);
                ga += r * x[i];
                gb += r;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (!(Math.abs(det) > 1e-300)) break;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1;
            while (a - step * da <= 1e-3 && step > 1e-6) step /= 2;
            a -= step * da;
            b -= step * db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) break;
        }
        if (!(a > 0) || !Double.isFinite(b)) return new ConfidenceCalibration(1, 0);
        return new ConfidenceCalibration(a, b);
    }

    /** The expected calibration error of these confidences over {@link #BINS} equal-width bins. */
    public static double ece(double[] confidence, boolean[] correct) {
        int n = confidence.length;
        if (n == 0) return Double.NaN;
        double[] conf = new double[BINS];
        double[] acc = new double[BINS];
        int[] count = new int[BINS];
        for (int i = 0; i < n; i++) {
            int bin = Math.min(BINS - 1, Math.max(0, (int) (confidence[i] * BINS)));
            conf[bin] += confidence[i];
            acc[bin] += correct[i] ? 1 : 0;
            count[bin]++;
        }
        double e = 0;
        for (int k = 0; k < BINS; k++) {
            if (count[k] > 0) e += Math.abs(acc[k] - conf[k]) / n;
        }
        return e;
    }

    /** The confidences after a calibration. */
    public static double[] apply(ConfidenceCalibration c, double[] confidence) {
        double[] out = new double[confidence.length];
        for (int i = 0; i < out.length; i++) out[i] = c.apply(confidence[i]);
        return out;
    }
}
