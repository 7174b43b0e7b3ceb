package dev.ductus.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.recognize.Recognizer;
import dev.ductus.eval.Comparison;
import dev.ductus.eval.ComparisonResult;
import dev.ductus.eval.LineResult;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * #16: a hung decoder blocked `recognize` and `compare` for ever (the web API had a time limit, the CLI none). Under
 * the limit an image that hangs fails with one line, the next one is read, and a worker that stops at the interrupt
 * is no longer counted as abandoned.
 */
class TimeLimitedRecognizerTest {
    /** Reads "ok" at once, except an image whose source contains "hang", on which it waits to be interrupted. */
    private static final class HangingRecognizer implements Recognizer {
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Override public String name() { return "hangs"; }
        @Override public String describe() { return "test"; }
        @Override public boolean paragraphs() { return false; }

        @Override
        public Hypothesis recognize(GrayImage image) {
            if (image.source().contains("hang")) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw new IllegalStateException("interrupted");
                }
            }
            return new Hypothesis("ok", 0, List.of(), new Notes());
        }
    }

    private static GrayImage image(String source) {
        return new GrayImage(4, 4, new float[16], null, source);
    }

    @Test
    void anImageThatHangsFailsAtTheLimitAndTheNextIsRead() throws Exception {
        HangingRecognizer inner = new HangingRecognizer();
        TimeLimitedRecognizer limited = (TimeLimitedRecognizer) TimeLimitedRecognizer.wrap(inner, 0.2, "--time-limit");
        long t0 = System.nanoTime();
        InputException e = assertThrows(InputException.class, () -> limited.recognize(image("hang.png")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds >= 0.19 && seconds < 10, "waited " + seconds + " s");
        assertEquals("hang.png", e.source());
        assertTrue(e.getMessage().contains("no answer within the time limit of 0.2 s (--time-limit)"), e.getMessage());
        assertEquals("ok", limited.recognize(image("line.png")).text());
        assertTrue(inner.interrupted.await(10, TimeUnit.SECONDS), "the worker is interrupted");
        for (int i = 0; i < 200 && limited.abandoned() > 0; i++) Thread.sleep(10);
        assertEquals(0, limited.abandoned(), "a worker that stopped is not counted");
    }

    @Test
    void noLimitIsTheRecognizerItselfAndABadLimitIsAUsageError() {
        Recognizer inner = new HangingRecognizer();
        assertSame(inner, TimeLimitedRecognizer.wrap(inner, 0, "--time-limit"));
        assertThrows(Arguments.UsageException.class, () -> TimeLimitedRecognizer.wrap(inner, -1, "--time-limit"));
        assertThrows(Arguments.UsageException.class, () -> TimeLimitedRecognizer.wrap(inner, Double.NaN, "--time-limit"));
    }

    /** In a comparison the hung line is one failure with the reason; the other lines are measured. */
    @Test
    void aComparisonGoesOnPastAHungLine() throws Exception {
        List<Sample> samples = List.of(sample("a"), sample("hang"), sample("b"));
        Dataset data = new Dataset() {
            @Override public String name() { return "d"; }
            @Override public String split() { return "test"; }
            @Override public List<Sample> samples() { return samples; }
        };
        Recognizer limited = TimeLimitedRecognizer.wrap(new HangingRecognizer(), 0.2, "--time-limit");
        ComparisonResult r = new Comparison().threads(1).warmupLines(0).run(data, List.of(limited));
        List<LineResult> lines = r.systems().get(0).lines();
        assertEquals(3, lines.size());
        assertEquals(1, r.systems().get(0).summary().failures());
        assertTrue(lines.get(1).failure().contains("time limit"), lines.get(1).failure());
        assertEquals("ok", lines.get(2).hypothesis());
    }

    private static Sample sample(String id) {
        return new Sample(id, "ok", id + ".png", () -> image(id + ".png"));
    }
}
