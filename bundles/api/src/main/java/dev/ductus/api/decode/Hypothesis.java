package dev.ductus.api.decode;

import dev.ductus.api.Box;
import dev.ductus.api.Notes;
import java.util.List;

/**
 * A recognition result: the text (lines separated by "\n"), its log score, the per-character alignment
 * with confidences, what each stage did and how long it took, and, when the input was a page, the box of
 * each text line in it (empty when unknown, e.g. for a single line image).
 */
public record Hypothesis(String text, double logScore, List<CharSpan> characters, Notes notes, List<Box> lines) {
    public Hypothesis {
        characters = List.copyOf(characters);
        lines = lines == null ? List.of() : List.copyOf(lines);
        if (notes == null) notes = new Notes();
    }

    public Hypothesis(String text, double logScore, List<CharSpan> characters, Notes notes) {
        this(text, logScore, characters, notes, List.of());
    }

    public static Hypothesis empty(Notes notes) {
        return new Hypothesis("", 0, List.of(), notes);
    }

    /** Mean character confidence, 1 for an empty text. */
    public double confidence() {
        return characters.stream().mapToDouble(CharSpan::confidence).average().orElse(1.0);
    }

    public Hypothesis withNotes(Notes n) {
        return new Hypothesis(text, logScore, characters, n, lines);
    }

    public Hypothesis withLines(List<Box> boxes) {
        return new Hypothesis(text, logScore, characters, notes, boxes);
    }
}
