package dev.ductus.eval;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What is done to the reference and the hypothesis before they are compared. Applied in a fixed order:
 * strip diacritics (NFD, drop non-spacing marks), fold case, strip punctuation, collapse whitespace, then
 * compose to NFC, so every option sees the text the earlier ones left.
 *
 * <p>Parsed from a comma-separated list such as {@code nfc,whitespace,lower}: the listed options are on and
 * the others off. {@code default} stands for {@code nfc,whitespace}, {@code none} for nothing; a list whose
 * first entry starts with {@code -} (such as {@code -nfc,lower}) starts from the defaults and {@code -x}
 * turns option x off.
 */
public record TextNormalizer(boolean nfc, boolean collapseWhitespace, boolean foldCase, boolean stripPunctuation,
                             boolean stripDiacritics) {
    /** NFC and whitespace collapsing: what HTR papers compare. */
    public static final TextNormalizer DEFAULT = new TextNormalizer(true, true, false, false, false);
    /** Compares the texts exactly as given. */
    public static final TextNormalizer NONE = new TextNormalizer(false, false, false, false, false);

    private static final String NFC = "nfc";
    private static final String WHITESPACE = "whitespace";
    private static final String LOWER = "lower";
    private static final String PUNCTUATION = "punctuation";
    private static final String DIACRITICS = "diacritics";

    /**
     * Parses a spec such as {@code nfc,whitespace,lower}. Names: {@code nfc}, {@code whitespace} (alias
     * {@code ws}), {@code lower} (aliases {@code case}, {@code casefold}), {@code punctuation} (alias
     * {@code punct}), {@code diacritics} (alias {@code accents}), plus {@code default} and {@code none}.
     *
     * @throws IllegalArgumentException naming the unknown entry and the known ones
     */
    public static TextNormalizer parse(String spec) {
        if (spec.isBlank()) {
            throw new IllegalArgumentException("empty normalisation: say 'none' to compare texts as given, "
                    + "or 'default' for nfc,whitespace");
        }
        String[] entries = spec.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*");
        boolean[] on = new boolean[5];
        if (entries[0].startsWith("-")) {
            on[0] = true;
            on[1] = true;
        }
        for (String raw : entries) {
            if (raw.isEmpty()) continue;
            boolean value = !raw.startsWith("-");
            String name = value ? raw : raw.substring(1);
            switch (name) {
                case "default" -> {
                    on[0] = value;
                    on[1] = value;
                }
                case "none" -> {
                    if (!value) throw new IllegalArgumentException("normalisation '-none' makes no sense");
                    java.util.Arrays.fill(on, false);
                }
                case NFC -> on[0] = value;
                case WHITESPACE, "ws" -> on[1] = value;
                case LOWER, "case", "casefold" -> on[2] = value;
                case PUNCTUATION, "punct" -> on[3] = value;
                case DIACRITICS, "accents" -> on[4] = value;
                default -> throw new IllegalArgumentException("unknown normalisation '" + raw + "' in '" + spec
                        + "': use a comma-separated list of nfc, whitespace, lower, punctuation, diacritics, "
                        + "default, none (or -name to turn one off)");
            }
        }
        return new TextNormalizer(on[0], on[1], on[2], on[3], on[4]);
    }

    /** The spec that {@link #parse} reads back into this normaliser ({@code none} when all are off). */
    public String spec() {
        List<String> names = new ArrayList<>();
        if (nfc) names.add(NFC);
        if (collapseWhitespace) names.add(WHITESPACE);
        if (foldCase) names.add(LOWER);
        if (stripPunctuation) names.add(PUNCTUATION);
        if (stripDiacritics) names.add(DIACRITICS);
        return names.isEmpty() ? "none" : String.join(",", names);
    }

    public String normalize(String text) {
        String s = text;
        if (stripDiacritics) s = withoutMarks(Normalizer.normalize(s, Normalizer.Form.NFD));
        if (foldCase || stripPunctuation || collapseWhitespace) s = mapCodePoints(s);
        if (nfc && !Normalizer.isNormalized(s, Normalizer.Form.NFC)) s = Normalizer.normalize(s, Normalizer.Form.NFC);
        return s;
    }

    private static String withoutMarks(String decomposed) {
        StringBuilder sb = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private String mapCodePoints(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (stripPunctuation && isPunctuation(cp)) continue;
            if (collapseWhitespace && WordTokens.isSpace(cp)) {
                pendingSpace = sb.length() > 0;
                continue;
            }
            if (pendingSpace) {
                sb.append(' ');
                pendingSpace = false;
            }
            // upper then lower maps case variants (final sigma, long s, title-case digraphs) to one letter, like
            // Unicode simple case folding; unlike it, it also folds the Turkish dotless i into i
            sb.appendCodePoint(foldCase ? Character.toLowerCase(Character.toUpperCase(cp)) : cp);
        }
        return sb.toString();
    }

    private static boolean isPunctuation(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return spec();
    }
}
