package dev.ductus.eval.report;

import java.util.Locale;

/** How the reports print numbers: fixed decimals, "-" for unknown, "inf" for unbounded. */
public final class MetricFormat {
    private MetricFormat() {
    }

    public static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) return "-";
        if (Double.isInfinite(value)) return value > 0 ? "inf" : "-inf";
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A rate in [0, 1] or beyond as a percentage with two decimals. */
    public static String percent(double rate) {
        return fixed(rate * 100, 2);
    }

    /** A speed with about three significant digits. */
    public static String speed(double value) {
        if (!Double.isFinite(value)) return fixed(value, 0);
        double a = Math.abs(value);
        return fixed(value, a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
    }

    /** A tick value: at most three significant digits, no trailing zeros ("0", "0.1", "2.5", "1000"). */
    public static String compact(double value) {
        if (!Double.isFinite(value)) return fixed(value, 0);
        if (value == 0) return "0";
        java.math.BigDecimal d = new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
