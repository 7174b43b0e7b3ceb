package dev.ductus.api.decode;

import dev.ductus.api.Box;
import dev.ductus.api.Notes;
import dev.ductus.api.image.LinePlacement;
import java.util.List;

/**
 * A recognition result: the text (lines separated by "\n"), its log score, the per-character alignment
 * with confidences, what each stage did and how long it took, when the input was a page the box of each text
 * line in it (empty when unknown, e.g. for a single line image), and per line the placement of the
 * preprocessed line image the character columns refer to on the input image ({@code placements.get(i)} for line
 * i; empty when unknown, e.g. straight from a decoder or for a model that read a whole paragraph at once).
 */
public record Hypothesis(String text, double logScore, List<CharSpan> characters, Notes notes, List<Box> lines,
                         List<LinePlacement> placements) {
    public Hypothesis {
        characters = List.copyOf(characters);
        lines = lines == null ? List.of() : List.copyOf(lines);
        placements = placements == null ? List.of() : List.copyOf(placements);
        if (notes == null) notes = new Notes();
    }

    public Hypothesis(String text, double logScore, List<CharSpan> characters, Notes notes, List<Box> lines) {
        this(text, logScore, characters, notes, lines, List.of());
    }

    public Hypothesis(String text, double logScore, List<CharSpan> characters, Notes notes) {
        this(text, logScore, characters, notes, List.of(), List.of());
    }

    public static Hypothesis empty(Notes notes) {
        return new Hypothesis("", 0, List.of(), notes);
    }

    /** Mean character confidence, 1 for an empty text. */
    public double confidence() {
        return characters.stream().mapToDouble(CharSpan::confidence).average().orElse(1.0);
    }

    /** The placement of line {@code line}'s preprocessed image on the input, or null when unknown. */
    public LinePlacement placement(int line) {
        return line >= 0 && line < placements.size() ? placements.get(line) : null;
    }

    public Hypothesis withNotes(Notes n) {
        return new Hypothesis(text, logScore, characters, n, lines, placements);
    }

    public Hypothesis withLines(List<Box> boxes) {
        return new Hypothesis(text, logScore, characters, notes, boxes, placements);
    }

    public Hypothesis withPlacements(List<LinePlacement> p) {
        return new Hypothesis(text, logScore, characters, notes, lines, p);
    }
}
