package dev.ductus.eval;

/**
 * Hears about every line of a {@link Comparison}. Calls never overlap (they come from worker threads, one at a
 * time), so an implementation need not be thread-safe; it should be quick, since workers wait for it.
 */
@FunctionalInterface
public interface ComparisonListener {
    ComparisonListener NONE = progress -> {
    };

    void lineDone(ComparisonProgress progress);

    /** A system is about to run; its lines follow. */
    default void systemStarted(String system, int systemIndex, int systemCount, int lines) {
    }

    /** A system finished. */
    default void systemDone(SystemSummary summary) {
    }
}
