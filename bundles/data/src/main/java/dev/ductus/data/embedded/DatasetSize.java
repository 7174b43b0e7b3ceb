package dev.ductus.data.embedded;

import java.util.Locale;

/**
 * How big an embedded dataset is. {@code small} lets a 2-core machine train each system in minutes;
 * {@code medium} is 4x, {@code large} 10x. {@code tiny} (1/30) is for smoke tests.
 */
public enum DatasetSize {
    TINY(1, 30), SMALL(1, 1), MEDIUM(4, 1), LARGE(10, 1);

    private final int multiply;
    private final int divide;

    DatasetSize(int multiply, int divide) {
        this.multiply = multiply;
        this.divide = divide;
    }

    public int scale(int smallCount) {
        return Math.max(1, smallCount * multiply / divide);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DatasetSize parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown size '" + s + "' (tiny, small, medium, large)");
        }
    }
}
