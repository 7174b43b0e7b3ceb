package dev.ductus.lm.kn;

/**
 * Chen and Goodman's three discounts of one order, estimated from the count-of-counts n1..n4 of the order's
 * (adjusted) counts: Y = n1 / (n1 + 2 n2), D1 = 1 - 2Y n2/n1, D2 = 2 - 3Y n3/n2, D3+ = 3 - 4Y n4/n3. Tiny
 * corpora can make a count-of-counts zero or a discount leave (0, k); then the order falls back to KenLM's
 * defaults 0.5, 1, 1.5 and says so.
 */
public record Discounts(double d1, double d2, double d3plus, long n1, long n2, long n3, long n4, boolean fallback) {
    public static final double[] FALLBACK = {0.5, 1.0, 1.5};

    public static Discounts estimate(long n1, long n2, long n3, long n4) {
        if (n1 > 0 && n2 > 0 && n3 > 0 && n4 > 0) {
            double y = (double) n1 / (n1 + 2.0 * n2);
            double d1 = 1 - 2 * y * n2 / n1;
            double d2 = 2 - 3 * y * n3 / n2;
            double d3 = 3 - 4 * y * n4 / n3;
            if (d1 > 0 && d1 < 1 && d2 > 0 && d2 < 2 && d3 > 0 && d3 < 3) {
                return new Discounts(d1, d2, d3, n1, n2, n3, n4, false);
            }
        }
        return new Discounts(FALLBACK[0], FALLBACK[1], FALLBACK[2], n1, n2, n3, n4, true);
    }

    /** The discount subtracted from an n-gram seen {@code count} times. */
    public double of(long count) {
        return count <= 0 ? 0 : count == 1 ? d1 : count == 2 ? d2 : d3plus;
    }
}
