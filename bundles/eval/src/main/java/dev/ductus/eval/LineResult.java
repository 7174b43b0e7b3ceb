package dev.ductus.eval;

/**
 * One line as one system read it: the normalised reference and hypothesis, their character and word edit
 * counts, the time the recognizer took (ms, 0 when the image could not be loaded), and the failure message
 * when it failed (the hypothesis is then empty), or null.
 */
public record LineResult(String id, String reference, String hypothesis, EditCounts characters, EditCounts words,
                         double millis, String failure) {
    /** The line's character error rate. */
    public double cer() {
        return characters.rate();
    }

    public boolean failed() {
        return failure != null;
    }
}
