package dev.ductus.lm.arpa;

import java.math.BigDecimal;

/**
 * Numbers as ARPA files spell them. Writing uses the shortest decimal that reads back as the same float, so
 * a model written, read and written again gives the same bytes. Reading is stricter than
 * {@link Float#parseFloat} (which would take "1f", "0x1p3" or "NaN") and accepts the "-inf" some tools write.
 */
final class ArpaNumbers {
    private ArpaNumbers() {
    }

    static String format(float f) {
        if (f == 0f) return "0";
        if (Float.isInfinite(f)) return f < 0 ? "-99" : "99";
        String s = Float.toString(f);
        if (s.indexOf('E') >= 0) s = new BigDecimal(s).toPlainString();
        if (s.endsWith(".0")) s = s.substring(0, s.length() - 2);
        return s;
    }

    /** The number, or NaN when the text is not a decimal number. Infinities (-inf, -Infinity) read as -99/99. */
    static float parse(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
        String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
        if (rest.equals("inf") || rest.equals("infinity")) return s.charAt(0) == '-' ? -99f : 99f;
        int digits = 0;
        while (i < n && isAsciiDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isAsciiDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) return Float.NaN;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
            int exp = 0;
            while (i < n && isAsciiDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) return Float.NaN;
        }
        if (i != n) return Float.NaN;
        return Float.parseFloat(s);
    }

    /** 0-9 only: Character.isDigit also takes other scripts' digits, which Float.parseFloat refuses. */
    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
