package dev.ductus.api.decode;

import dev.ductus.api.Notes;
import java.util.List;

/**
 * A recognition result: the text (lines separated by "\n"), its log score, the per-character alignment
 * with confidences, and what each stage did and how long it took.
 */
public record Hypothesis(String text, double logScore, List<CharSpan> characters, Notes notes) {
    public Hypothesis {
        characters = List.copyOf(characters);
        if (notes == null) notes = new Notes();
    }

    public static Hypothesis empty(Notes notes) {
        return new Hypothesis("", 0, List.of(), notes);
    }

    /** Mean character confidence, 1 for an empty text. */
    public double confidence() {
        return characters.stream().mapToDouble(CharSpan::confidence).average().orElse(1.0);
    }

    public Hypothesis withNotes(Notes n) {
        return new Hypothesis(text, logScore, characters, n);
    }
}
