package dev.ductus.image.step;

/** The elapsed time a step reports in its note. */
final class StepTime {
    private StepTime() {
    }

    static double millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1e6;
    }
}
