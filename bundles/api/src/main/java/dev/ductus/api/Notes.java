package dev.ductus.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the stages of one request did ("deskew: rotated by -2.5 deg"), in order, with their time. Collected per
 * request, so it is only ever touched by one thread at a time.
 */
public final class Notes {
    /** One stage's note. */
    public record Note(String stage, String message, double millis) {
        @Override
        public String toString() {
            return String.format("%s: %s (%.1f ms)", stage, message, millis);
        }
    }

    private final List<Note> notes = new ArrayList<>();

    public Notes add(String stage, String message, double millis) {
        notes.add(new Note(stage, message, millis));
        return this;
    }

    public Notes add(String stage, String message) {
        return add(stage, message, 0);
    }

    public Notes addAll(Notes other) {
        notes.addAll(other.notes);
        return this;
    }

    public List<Note> all() {
        return Collections.unmodifiableList(notes);
    }

    public boolean isEmpty() {
        return notes.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Note n : notes) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(n.stage()).append(": ").append(n.message());
        }
        return sb.toString();
    }
}
