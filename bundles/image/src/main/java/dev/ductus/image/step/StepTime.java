package dev.ductus.image.step;


import dev.ductus.image.preprocess.NoiseHandling;

/** The elapsed time a step reports in its note, and the note's remark on noise. */
final class StepTime {
    private StepTime() {
    }

    /** {@code " (pixel noise 0.127, smoothed)"}, or empty when nothing was done about noise. */
    static String aside(NoiseHandling.Result ink) {
        String what = ink.describe();
        return what.isEmpty() ? "" : " (" + what + ")";
    }

    static double millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1e6;
    }
}
