package dev.ductus.eval;

/**
 * Where a comparison stands after a line: the system being run ({@code systemIndex} of {@code systemCount},
 * from 0), its lines done of its total, its failures so far, the seconds since it started, and the line just
 * finished.
 */
public record ComparisonProgress(String system, int systemIndex, int systemCount, int done, int total,
                                 int failures, double elapsedSeconds, LineResult line) {
    /** Seconds until this system is done, extrapolated from its speed so far (NaN before the first line). */
    public double etaSeconds() {
        return done == 0 ? Double.NaN : elapsedSeconds / done * (total - done);
    }

    public double linesPerSecond() {
        return elapsedSeconds > 0 ? done / elapsedSeconds : Double.NaN;
    }
}
