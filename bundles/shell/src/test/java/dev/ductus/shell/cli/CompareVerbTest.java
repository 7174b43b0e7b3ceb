package dev.ductus.shell.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.eval.ComparisonResult;
import dev.ductus.eval.EditCounts;
import dev.ductus.eval.ErrorRates;
import dev.ductus.eval.LineResult;
import dev.ductus.eval.SystemRun;
import dev.ductus.eval.SystemSummary;
import dev.ductus.eval.TextNormalizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defect: `compare` exited 0 when every line failed. */
class CompareVerbTest {
    private static SystemRun run(String name, int lines, int failures) {
        List<LineResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < lines; i++) {
            boolean failed = i < failures;
            results.add(new LineResult("l" + i, "ab", failed ? "" : "ab", failed ? new EditCounts(0, 0, 2, 2) : new EditCounts(0, 0, 0, 2),
                    EditCounts.NONE, 1, failed ? "broken" : null));
        }
        return new SystemRun(new SystemSummary(name, "", new ErrorRates(), failures, 1, 1, 0, 0), results);
    }

    @Test
    void aPipelineThatFailedOnEveryLineMakesTheComparisonFail() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        ComparisonResult some = new ComparisonResult("d", TextNormalizer.DEFAULT, 1, Instant.EPOCH,
                List.of(run("good", 3, 0), run("flaky", 3, 2)));
        assertFalse(CompareVerb.failedEverywhere(some, e));
        ComparisonResult all = new ComparisonResult("d", TextNormalizer.DEFAULT, 1, Instant.EPOCH,
                List.of(run("good", 3, 0), run("broken", 3, 3)));
        assertTrue(CompareVerb.failedEverywhere(all, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("compare: broken failed on all 3 lines"), err.toString());
    }

    /** Defect: an IAM lines.txt with 7 malformed lines of 8 read "1 samples" with no warning. */
    @Test
    void skippedEntriesAreCountedOnOneLine() {
        dev.ductus.api.data.Dataset d = new dev.ductus.api.data.Dataset() {
            @Override public String name() { return "iam"; }
            @Override public String split() { return "test"; }
            @Override public List<dev.ductus.api.data.Sample> samples() { return List.of(); }
            @Override public List<String> warnings() { return List.of("lines.txt:2: 3 fields, expected 9", "lines.txt:3: bad"); }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompareVerb.warnSkipped("compare", d, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).equals(
                "compare: 2 entries of iam/test skipped (0 read), first: lines.txt:2: 3 fields, expected 9\n"), err.toString());
    }
}
