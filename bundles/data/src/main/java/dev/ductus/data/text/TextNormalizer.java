package dev.ductus.data.text;

/**
 * Brings corpus text to the characters the synthetic handwriting uses: ASCII letters and digits, the space and
 * common punctuation. Typographic quotes and dashes become their plain forms (a hand writes no curly quotes);
 * whitespace runs become one space.
 */
public final class TextNormalizer {
    /** Punctuation a line may contain besides letters, digits and the space. */
    public static final String PUNCTUATION = ".,;:!?'\"-()&";

    private TextNormalizer() {
    }

    public static boolean allowed(int cp) {
        return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == ' '
                || PUNCTUATION.indexOf(cp) >= 0;
    }

    public static boolean allAllowed(String s) {
        return s.codePoints().allMatch(TextNormalizer::allowed);
    }

    public static String normalize(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        boolean space = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            String mapped = switch (c) {
                case '\u2018', '\u2019', '\u201a', '\u2032', '`' -> "'";
                case '\u201c', '\u201d', '\u201e', '\u2033' -> "\"";
                case '\u2010', '\u2011', '\u2012', '\u2013' -> "-";
                case '\u2014', '\u2015' -> " - ";
                case '\u2026' -> "...";
                default -> Character.isWhitespace(c) || Character.isSpaceChar(c) ? " " : String.valueOf(c);
            };
            for (int k = 0; k < mapped.length(); k++) {
                char m = mapped.charAt(k);
                if (m == ' ') {
                    space = true;
                } else {
                    if (space && sb.length() > 0) sb.append(' ');
                    space = false;
                    sb.append(m);
                }
            }
        }
        return sb.toString();
    }
}
