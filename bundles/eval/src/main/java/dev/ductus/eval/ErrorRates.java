package dev.ductus.eval;

import java.util.Objects;

/**
 * Error counts accumulated over many lines: CER over code points (spaces count, as in HTR papers), WER over
 * whitespace-separated words, the share of exactly recognised lines, and FER (frame error rate) for frame
 * classifiers. Not thread-safe: give each thread its own accumulator and {@link #merge} them, in any order.
 */
public final class ErrorRates {
    private long lines;
    private long exactLines;
    private long charSubstitutions;
    private long charInsertions;
    private long charDeletions;
    private long charReference;
    private long wordSubstitutions;
    private long wordInsertions;
    private long wordDeletions;
    private long wordReference;
    private long frames;
    private long frameErrors;

    /**
     * Scores one line the way {@code compare} does: both texts through {@link TextNormalizer#DEFAULT}, then
     * {@link #addLine(String, String)}. Trainers use this for validation, so early stopping optimises the CER
     * that the comparison reports.
     */
    public ErrorRates add(String reference, String hypothesis) {
        return addLine(TextNormalizer.DEFAULT.normalize(reference), TextNormalizer.DEFAULT.normalize(hypothesis));
    }

    /** Scores one line as given: normalise both texts first (see {@link TextNormalizer}). */
    public ErrorRates addLine(String reference, String hypothesis) {
        return addLine(EditDistance.characters(reference, hypothesis), EditDistance.words(reference, hypothesis));
    }

    /** Adds one line already scored; the line is exact when it has no character errors. */
    public ErrorRates addLine(EditCounts characters, EditCounts words) {
        lines++;
        if (characters.errors() == 0) exactLines++;
        charSubstitutions += characters.substitutions();
        charInsertions += characters.insertions();
        charDeletions += characters.deletions();
        charReference += characters.referenceLength();
        wordSubstitutions += words.substitutions();
        wordInsertions += words.insertions();
        wordDeletions += words.deletions();
        wordReference += words.referenceLength();
        return this;
    }

    /**
     * Adds the frames of one sequence for FER.
     *
     * @throws IllegalArgumentException when the label sequences differ in length
     */
    public ErrorRates addFrames(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("predicted " + predicted.length + " frame labels for "
                    + truth.length + " true ones");
        }
        for (int t = 0; t < truth.length; t++) {
            if (predicted[t] != truth[t]) frameErrors++;
        }
        frames += truth.length;
        return this;
    }

    /** Adds the other accumulator's counts to this one. */
    public ErrorRates merge(ErrorRates o) {
        lines += o.lines;
        exactLines += o.exactLines;
        charSubstitutions += o.charSubstitutions;
        charInsertions += o.charInsertions;
        charDeletions += o.charDeletions;
        charReference += o.charReference;
        wordSubstitutions += o.wordSubstitutions;
        wordInsertions += o.wordInsertions;
        wordDeletions += o.wordDeletions;
        wordReference += o.wordReference;
        frames += o.frames;
        frameErrors += o.frameErrors;
        return this;
    }

    public ErrorRates copy() {
        return new ErrorRates().merge(this);
    }

    /** Character error rate (S + I + D) / N; NaN before any line, infinite when all references are empty. */
    public double cer() {
        return lines == 0 ? Double.NaN : EditCounts.ratio(characterErrors(), charReference);
    }

    /** Word error rate; NaN before any line. */
    public double wer() {
        return lines == 0 ? Double.NaN : EditCounts.ratio(wordErrors(), wordReference);
    }

    /** Share of lines recognised without a character error; NaN before any line. */
    public double lineAccuracy() {
        return lines == 0 ? Double.NaN : (double) exactLines / lines;
    }

    /** Frame error rate; NaN before any frame. */
    public double fer() {
        return frames == 0 ? Double.NaN : (double) frameErrors / frames;
    }

    public long lines() {
        return lines;
    }

    public long exactLines() {
        return exactLines;
    }

    public long characterSubstitutions() {
        return charSubstitutions;
    }

    public long characterInsertions() {
        return charInsertions;
    }

    public long characterDeletions() {
        return charDeletions;
    }

    public long characterErrors() {
        return charSubstitutions + charInsertions + charDeletions;
    }

    /** Reference length in code points. */
    public long characters() {
        return charReference;
    }

    public long wordSubstitutions() {
        return wordSubstitutions;
    }

    public long wordInsertions() {
        return wordInsertions;
    }

    public long wordDeletions() {
        return wordDeletions;
    }

    public long wordErrors() {
        return wordSubstitutions + wordInsertions + wordDeletions;
    }

    /** Reference length in words. */
    public long words() {
        return wordReference;
    }

    public long frames() {
        return frames;
    }

    public long frameErrors() {
        return frameErrors;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorRates e && e.lines == lines && e.exactLines == exactLines
                && e.charSubstitutions == charSubstitutions && e.charInsertions == charInsertions
                && e.charDeletions == charDeletions && e.charReference == charReference
                && e.wordSubstitutions == wordSubstitutions && e.wordInsertions == wordInsertions
                && e.wordDeletions == wordDeletions && e.wordReference == wordReference && e.frames == frames
                && e.frameErrors == frameErrors;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lines, exactLines, charSubstitutions, charInsertions, charDeletions, charReference,
                wordSubstitutions, wordInsertions, wordDeletions, wordReference, frames, frameErrors);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "lines=%d exact=%d chars S=%d I=%d D=%d N=%d words S=%d I=%d D=%d N=%d frames %d/%d",
                lines, exactLines, charSubstitutions, charInsertions, charDeletions, charReference,
                wordSubstitutions, wordInsertions, wordDeletions, wordReference, frameErrors, frames);
    }
}
