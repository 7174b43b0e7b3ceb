package dev.ductus.api.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A map from a model's raw character confidence to a calibrated one, fitted on validation lines so that
 * characters given confidence 0.9 are right about 90 % of the time: Platt scaling on the log-odds,
 * {@code c' = sigmoid(a * logit(c) + b)} ({@code a} is an inverse temperature, {@code b} a bias). It is monotone
 * for {@code a > 0}, so it reorders nothing and changes no decoded text. Stored in a model's facts as
 * {@code calibration.a} and {@code calibration.b}.
 */
public record ConfidenceCalibration(double a, double b) {
    /** Confidences are clamped to [EPS, 1 - EPS] before taking their log-odds. */
    public static final double EPS = 1e-6;
    public static final String FACT_A = "calibration.a";
    public static final String FACT_B = "calibration.b";

    public ConfidenceCalibration {
        if (!Double.isFinite(a) || !Double.isFinite(b) || a <= 0) {
            throw new IllegalArgumentException("calibration needs a finite a > 0 and a finite b: a=" + a + ", b=" + b);
        }
    }

    /** The calibrated confidence of a raw one. */
    public double apply(double confidence) {
        return sigmoid(a * logit(confidence) + b);
    }

    /** The same hypothesis with every character's confidence calibrated. */
    public Hypothesis apply(Hypothesis h) {
        List<CharSpan> out = new ArrayList<>(h.characters().size());
        for (CharSpan c : h.characters()) {
            out.add(new CharSpan(c.symbol(), c.x0(), c.x1(), c.t0(), c.t1(), apply(c.confidence()), c.line()));
        }
        return new Hypothesis(h.text(), h.logScore(), out, h.notes(), h.lines(), h.placements());
    }

    public static double logit(double p) {
        double c = Math.min(1 - EPS, Math.max(EPS, p));
        return Math.log(c / (1 - c));
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** The calibration a model records in its facts, if it records a usable one. */
    public static Optional<ConfidenceCalibration> of(Map<String, String> facts) {
        String a = facts.get(FACT_A);
        String b = facts.get(FACT_B);
        if (a == null || b == null) return Optional.empty();
        try {
            return Optional.of(new ConfidenceCalibration(Double.parseDouble(a), Double.parseDouble(b)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The facts that record this calibration. */
    public Map<String, String> facts() {
        return Map.of(FACT_A, String.format(Locale.ROOT, "%.6f", a), FACT_B, String.format(Locale.ROOT, "%.6f", b));
    }
}
