package dev.ductus.eval;

/**
 * What one system achieved over the whole dataset. {@code wallSeconds} is the wall clock of its run (image
 * loading and scoring included, all threads together); {@code meanMillis} is the mean time of a
 * {@code recognize} call over the lines that did not fail (NaN when all failed); heap figures are the used
 * heap after a garbage collection before the run ({@code baselineHeapBytes}) and the most seen during it.
 */
public record SystemSummary(String name, String description, ErrorRates rates, int failures, double wallSeconds,
                            double meanMillis, long baselineHeapBytes, long peakHeapBytes) {
    public SystemSummary {
        rates = rates.copy();
    }

    /** A copy: the summary stays unchanged. */
    @Override
    public ErrorRates rates() {
        return rates.copy();
    }

    public long lines() {
        return rates.lines();
    }

    public double cer() {
        return rates.cer();
    }

    public double wer() {
        return rates.wer();
    }

    public double lineAccuracy() {
        return rates.lineAccuracy();
    }

    public double linesPerSecond() {
        return wallSeconds > 0 ? rates.lines() / wallSeconds : Double.NaN;
    }

    public double peakHeapMegabytes() {
        return peakHeapBytes / (1024.0 * 1024.0);
    }
}
