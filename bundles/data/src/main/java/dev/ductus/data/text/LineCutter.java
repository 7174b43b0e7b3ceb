package dev.ductus.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts running text into lines of {@value #MIN}-{@value #MAX} characters at word boundaries, with a random
 * target length per line (like a writer's varying line width). A word holding a character outside the
 * charset ends the current line and is dropped, so no line ever needs a character the fonts may lack.
 */
public final class LineCutter {
    public static final int MIN = 10;
    public static final int MAX = 60;

    private LineCutter() {
    }

    public static List<String> cut(String normalizedText, SplittableRandom r) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int target = target(r);
        for (String word : normalizedText.split(" ")) {
            if (word.isEmpty()) continue;
            if (!TextNormalizer.allAllowed(word) || word.length() > MAX) {
                flush(line, lines);
                target = target(r);
                continue;
            }
            int length = line.length() == 0 ? word.length() : line.length() + 1 + word.length();
            if (line.length() >= MIN && (length > target || length > MAX)) {
                flush(line, lines);
                target = target(r);
            } else if (length > MAX) {
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        flush(line, lines);
        return lines;
    }

    /**
     * Cuts text into lines of about {@code width} characters (each line's target within 4 of it), as a
     * paragraph written in one column: no very short lines except the last.
     */
    public static List<String> cutEven(String normalizedText, int width, SplittableRandom r) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int target = width - 4 + r.nextInt(9);
        for (String word : normalizedText.split(" ")) {
            if (word.isEmpty() || !TextNormalizer.allAllowed(word) || word.length() > MAX) continue;
            int length = line.length() == 0 ? word.length() : line.length() + 1 + word.length();
            if (line.length() > 0 && (length > target || length > MAX)) {
                flush(line, lines);
                target = width - 4 + r.nextInt(9);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }

    private static int target(SplittableRandom r) {
        return r.nextDouble() < 0.15 ? MIN + r.nextInt(10) : 20 + r.nextInt(MAX - 20 + 1);
    }

    private static void flush(StringBuilder line, List<String> lines) {
        if (line.length() >= MIN && line.length() <= MAX) lines.add(line.toString());
        line.setLength(0);
    }
}
