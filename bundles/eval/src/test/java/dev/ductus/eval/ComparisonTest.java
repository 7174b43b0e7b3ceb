package dev.ductus.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.recognize.Recognizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    /** 64 code points and 14 words in all; odd lines hold 34 code points and 6 words. */
    static final List<String> TEXTS = List.of(
            "the quick brown fox",                 // 19 chars, 4 words
            "jumps over",                          // 10, 2
            "a lazy dog",                          // 10, 3
            "Hello, World!",                       // 13, 2
            "x",                                   // 1, 1
            "\uD835\uDCB3 surrogate");             // 11, 2

    static final Dataset DATA = TestSystems.dataset("toy", TEXTS);

    static List<Recognizer> systems() {
        return List.of(TestSystems.editing("oracle", DATA, t -> t),
                TestSystems.editing("first-wrong", DATA, TestSystems::firstCharacterWrong),
                TestSystems.failingOnOddLines("flaky", DATA));
    }

    @Test
    void scoresKnownSystems() throws InterruptedException {
        List<ComparisonProgress> progress = new ArrayList<>();
        List<SystemSummary> done = new ArrayList<>();
        ComparisonResult result = new Comparison().listener(new ComparisonListener() {
            @Override
            public void lineDone(ComparisonProgress p) {
                progress.add(p);
            }

            @Override
            public void systemDone(SystemSummary summary) {
                done.add(summary);
            }
        }).run(DATA, systems());

        assertEquals("toy/test", result.dataset());
        assertEquals(6, result.lineCount());
        List<SystemSummary> s = result.summaries();
        assertEquals(List.of("oracle", "first-wrong", "flaky"), s.stream().map(SystemSummary::name).toList());

        SystemSummary oracle = s.get(0);
        assertEquals(0.0, oracle.cer());
        assertEquals(0.0, oracle.wer());
        assertEquals(1.0, oracle.lineAccuracy());
        assertEquals(0, oracle.failures());
        assertEquals(64, oracle.rates().characters());
        assertEquals(14, oracle.rates().words());

        SystemSummary edited = s.get(1);
        assertEquals(6.0 / 64, edited.cer(), 1e-15);
        assertEquals(6.0 / 14, edited.wer(), 1e-15);
        assertEquals(0.0, edited.lineAccuracy());
        assertEquals(6, edited.rates().characterSubstitutions());

        SystemSummary flaky = s.get(2);
        assertEquals(3, flaky.failures());
        assertEquals(34.0 / 64, flaky.cer(), 1e-15);
        assertEquals(6.0 / 14, flaky.wer(), 1e-15);
        assertEquals(0.5, flaky.lineAccuracy(), 1e-15);
        assertEquals(34, flaky.rates().characterDeletions());

        LineResult failed = result.systems().get(2).lines().get(3);
        assertEquals("line-3", failed.id());
        assertEquals("", failed.hypothesis());
        assertEquals("Hello, World!", failed.reference());
        assertEquals("line-3: synthetic failure", failed.failure());
        assertEquals(1.0, failed.cer());
        assertNull(result.systems().get(2).lines().get(4).failure());

        LineResult surrogate = result.systems().get(1).lines().get(5);
        assertEquals("# surrogate", surrogate.hypothesis());
        assertEquals(new EditCounts(1, 0, 0, 11), surrogate.characters());

        for (SystemSummary sum : s) {
            assertTrue(sum.wallSeconds() > 0 && sum.linesPerSecond() > 0, sum.toString());
            assertTrue(sum.meanMillis() >= 0, sum.toString());
            assertTrue(sum.baselineHeapBytes() > 0 && sum.peakHeapBytes() >= sum.baselineHeapBytes(), sum.toString());
        }
        assertEquals(18, progress.size());
        ComparisonProgress last = progress.get(17);
        assertEquals("flaky", last.system());
        assertEquals(2, last.systemIndex());
        assertEquals(6, last.done());
        assertEquals(6, last.total());
        assertEquals(3, last.failures());
        assertEquals(0.0, last.etaSeconds());
        assertEquals(s, done);
    }

    @Test
    void parallelRunKeepsLineOrderAndScores() throws InterruptedException {
        ComparisonResult one = new Comparison().collectGarbage(false).run(DATA, systems());
        ComparisonResult two = new Comparison().collectGarbage(false).threads(2).warmupLines(2).run(DATA, systems());
        assertEquals(2, two.threads());
        for (int k = 0; k < 3; k++) {
            assertEquals(one.summaries().get(k).rates(), two.summaries().get(k).rates());
            assertEquals(one.summaries().get(k).failures(), two.summaries().get(k).failures());
            List<LineResult> a = one.systems().get(k).lines();
            List<LineResult> b = two.systems().get(k).lines();
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).id(), b.get(i).id());
                assertEquals(a.get(i).hypothesis(), b.get(i).hypothesis());
                assertEquals(a.get(i).failure(), b.get(i).failure());
            }
        }
    }

    @Test
    void normaliserAppliesToReferenceAndHypothesis() throws InterruptedException {
        Dataset d = TestSystems.dataset("case", List.of("Hello  World", "A\u0301b"));
        Recognizer shouting = TestSystems.editing("upper", d, t -> t.toUpperCase(java.util.Locale.ROOT) + " ");
        SystemSummary exact = new Comparison(TextNormalizer.DEFAULT).collectGarbage(false)
                .run(d, List.of(shouting)).summaries().get(0);
        SystemSummary folded = new Comparison(TextNormalizer.parse("default,lower")).collectGarbage(false)
                .run(d, List.of(shouting)).summaries().get(0);
        // "HELLO WORLD" vs "Hello World": 8 of 11; NFC "\u00c1B" vs "\u00c1b": 1 of 2
        assertEquals(9.0 / 13, exact.cer(), 1e-15);
        assertEquals(0.0, folded.cer());
        assertEquals(1.0, folded.lineAccuracy());
    }

    @Test
    void imageThatCannotLoadAndNullHypothesisAreFailures() throws InterruptedException {
        Sample broken = new Sample("broken", "text", "broken.png", () -> {
            throw new dev.ductus.api.InputException("broken.png", "not a PNG file");
        });
        Sample fine = new Sample("fine", "text", "fine.png", () -> GrayImage.blank(2, 2));
        Dataset d = new Dataset() {
            @Override
            public String name() {
                return "mixed";
            }

            @Override
            public String split() {
                return "test";
            }

            @Override
            public List<Sample> samples() {
                return List.of(broken, fine);
            }
        };
        Recognizer silent = new Recognizer() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public String describe() {
                throw new IllegalStateException("no stages");
            }

            @Override
            public boolean paragraphs() {
                return false;
            }

            @Override
            public Hypothesis recognize(GrayImage image) {
                return null;
            }
        };
        SystemRun run = new Comparison().collectGarbage(false).run(d, List.of(silent)).systems().get(0);
        assertEquals("image: broken.png: not a PNG file", run.lines().get(0).failure());
        assertEquals(0.0, run.lines().get(0).millis());
        assertEquals("recognizer returned no hypothesis", run.lines().get(1).failure());
        assertEquals(2, run.summary().failures());
        assertEquals(1.0, run.summary().cer());
        assertTrue(Double.isNaN(run.summary().meanMillis()));
        assertTrue(run.summary().description().contains("no stages"));
    }

    @Test
    void brokenListenerDoesNotStopTheRun() throws InterruptedException {
        ComparisonResult r = new Comparison().collectGarbage(false)
                .listener(p -> {
                    throw new IllegalStateException("printer broke");
                })
                .run(DATA, systems().subList(0, 1));
        assertEquals(6, r.lineCount());
        assertEquals(0.0, r.summaries().get(0).cer());
    }

    @Test
    void peakHeapSeesMemoryHeldDuringTheRun() throws InterruptedException {
        Dataset d = TestSystems.dataset("heap", List.of("a"));
        Recognizer hungry = new Recognizer() {
            // kept reachable until the run is over, so the sampler must see it
            private byte[] held;

            @Override
            public String name() {
                return "hungry";
            }

            @Override
            public String describe() {
                return "holds 64 MB";
            }

            @Override
            public boolean paragraphs() {
                return false;
            }

            @Override
            public Hypothesis recognize(GrayImage image) {
                held = new byte[64 << 20];
                return new Hypothesis("a", held.length, List.of(), null);
            }
        };
        SystemSummary s = new Comparison().run(d, List.of(hungry)).summaries().get(0);
        assertTrue(s.peakHeapBytes() - s.baselineHeapBytes() >= 64L << 20,
                "peak " + s.peakHeapBytes() + " baseline " + s.baselineHeapBytes());
    }

    @Test
    void interruptionStopsTheRun() {
        Recognizer interrupting = TestSystems.editing("interrupting", DATA, t -> {
            Thread.currentThread().interrupt();
            return t;
        });
        List<ComparisonProgress> progress = new ArrayList<>();
        org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class,
                () -> new Comparison().collectGarbage(false).listener(progress::add).run(DATA, List.of(interrupting)));
        assertEquals(1, progress.size(), "the line in flight finishes, no further line starts");
        assertTrue(!Thread.currentThread().isInterrupted());
    }
}
