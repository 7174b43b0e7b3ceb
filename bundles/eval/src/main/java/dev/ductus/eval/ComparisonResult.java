package dev.ductus.eval;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of a {@link Comparison}: the dataset ({@code name/split}), how texts were normalised, the thread
 * count, when it started, and every system's run; every run holds the same lines in the same order.
 */
public record ComparisonResult(String dataset, TextNormalizer normalizer, int threads, Instant started,
                               List<SystemRun> systems) {
    public ComparisonResult {
        systems = List.copyOf(systems);
        int lines = systems.isEmpty() ? 0 : systems.get(0).lines().size();
        for (SystemRun run : systems) {
            if (run.lines().size() != lines) {
                throw new IllegalArgumentException("system " + run.summary().name() + " has "
                        + run.lines().size() + " lines, the first has " + lines);
            }
        }
    }

    public List<SystemSummary> summaries() {
        return systems.stream().map(SystemRun::summary).toList();
    }

    public int lineCount() {
        return systems.isEmpty() ? 0 : systems.get(0).lines().size();
    }

    /** Line indices ordered by the mean line CER over all systems, highest first (ties: dataset order). */
    public int[] worstLinesFirst() {
        int n = lineCount();
        double[] mean = new double[n];
        for (SystemRun run : systems) {
            for (int i = 0; i < n; i++) mean[i] += run.lines().get(i).cer() / systems.size();
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -mean[i]).thenComparingInt(i -> i));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
