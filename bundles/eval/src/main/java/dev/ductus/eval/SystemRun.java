package dev.ductus.eval;

import java.util.List;

/** One system's summary and its lines, in dataset order. */
public record SystemRun(SystemSummary summary, List<LineResult> lines) {
    public SystemRun {
        lines = List.copyOf(lines);
    }
}
