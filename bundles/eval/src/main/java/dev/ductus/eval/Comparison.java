package dev.ductus.eval;

import dev.ductus.api.InputException;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.recognize.Recognizer;
import dev.ductus.eval.run.HeapSampler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs several recognizers over the same dataset, one system after the other, each over every sample, and
 * scores them side by side. A line that fails (an exception from loading its image or from the recognizer)
 * is recorded with its message and scored as an empty hypothesis; it never stops the run. Before each system
 * a garbage collection is requested so the heap figures start from the same floor.
 *
 * <p>Configure with the setters, then call {@link #run}; one instance may run several comparisons, one at a
 * time.
 */
public final class Comparison {
    private static final System.Logger LOG = System.getLogger(Comparison.class.getName());

    private final TextNormalizer normalizer;
    private int threads = 1;
    private int warmupLines;
    private boolean collectGarbage = true;
    private long heapSampleMillis = 5;
    private ComparisonListener listener = ComparisonListener.NONE;

    public Comparison(TextNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    public Comparison() {
        this(TextNormalizer.DEFAULT);
    }

    /** Lines recognised in parallel within one system (default 1). */
    public Comparison threads(int count) {
        if (count < 1) throw new IllegalArgumentException("thread count must be at least 1, got " + count);
        this.threads = count;
        return this;
    }

    /**
     * Lines recognised, unscored and untimed, before each system's measured run, so just-in-time compilation
     * and lazy model loading do not count against the first lines (default 0).
     */
    public Comparison warmupLines(int lines) {
        if (lines < 0) throw new IllegalArgumentException("warm-up lines must be >= 0, got " + lines);
        this.warmupLines = lines;
        return this;
    }

    /** Whether to request a garbage collection before each system (default true). */
    public Comparison collectGarbage(boolean collect) {
        this.collectGarbage = collect;
        return this;
    }

    /** How often the background sampler reads the used heap (default 5 ms). */
    public Comparison heapSampleMillis(long millis) {
        if (millis < 1) throw new IllegalArgumentException("heap sample interval must be >= 1 ms, got " + millis);
        this.heapSampleMillis = millis;
        return this;
    }

    public Comparison listener(ComparisonListener l) {
        this.listener = l == null ? ComparisonListener.NONE : l;
        return this;
    }

    /**
     * Runs every system over every sample of the dataset.
     *
     * @throws InterruptedException when the calling thread is interrupted (the run stops after the lines in
     *     flight)
     */
    public ComparisonResult run(Dataset dataset, List<? extends Recognizer> systems) throws InterruptedException {
        Instant started = Instant.now();
        List<Sample> samples = List.copyOf(dataset.samples());
        String[] references = new String[samples.size()];
        for (int i = 0; i < references.length; i++) {
            String text = samples.get(i).text();
            references[i] = normalizer.normalize(text == null ? "" : text);
        }
        List<SystemRun> runs = new ArrayList<>();
        for (int s = 0; s < systems.size(); s++) {
            runs.add(runSystem(systems.get(s), s, systems.size(), samples, references));
        }
        return new ComparisonResult(dataset.name() + "/" + dataset.split(), normalizer, threads, started, runs);
    }

    private SystemRun runSystem(Recognizer recognizer, int index, int count, List<Sample> samples,
                                String[] references) throws InterruptedException {
        String name = recognizer.name();
        String description = describe(recognizer);
        tell(() -> listener.systemStarted(name, index, count, samples.size()));
        warmUp(recognizer, samples);
        long baseline = collectGarbage ? HeapSampler.usedAfterGc() : HeapSampler.usedNow();

        Progress progress = new Progress(name, index, count, samples.size());
        LineResult[] results = new LineResult[samples.size()];
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        HeapSampler heap = HeapSampler.start(heapSampleMillis);
        try {
            Runnable worker = () -> {
                int i;
                while (!Thread.currentThread().isInterrupted() && (i = next.getAndIncrement()) < results.length) {
                    results[i] = recognizeLine(recognizer, samples.get(i), references[i]);
                    heap.sample();
                    progress.lineDone(results[i]);
                }
            };
            if (threads == 1) {
                worker.run();
                if (Thread.interrupted()) throw new InterruptedException("comparison interrupted in " + name);
            } else {
                runInParallel(worker, name);
            }
        } finally {
            heap.close();
        }
        long peak = heap.peak();
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        for (LineResult r : results) {
            // a worker stops early only when interrupted
            if (r == null) throw new InterruptedException("comparison interrupted in " + name);
        }

        ErrorRates rates = new ErrorRates();
        int failures = 0;
        double millis = 0;
        int timed = 0;
        for (LineResult r : results) {
            rates.addLine(r.characters(), r.words());
            if (r.failed()) {
                failures++;
            } else {
                millis += r.millis();
                timed++;
            }
        }
        SystemSummary summary = new SystemSummary(name, description, rates, failures, wallSeconds,
                timed == 0 ? Double.NaN : millis / timed, baseline, Math.max(peak, baseline));
        tell(() -> listener.systemDone(summary));
        return new SystemRun(summary, List.of(results));
    }

    /** A broken progress printer must not cost the measurement. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "comparison listener failed", e);
        }
    }

    private void runInParallel(Runnable worker, String system) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ductus-eval-" + system);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) futures.add(pool.submit(worker));
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("comparison worker of " + system + " died", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void warmUp(Recognizer recognizer, List<Sample> samples) {
        for (int i = 0; i < Math.min(warmupLines, samples.size()); i++) {
            try {
                recognizer.recognize(samples.get(i).loadImage());
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                LOG.log(System.Logger.Level.DEBUG, "warm-up line " + samples.get(i).id() + " failed", e);
            }
        }
    }

    private LineResult recognizeLine(Recognizer recognizer, Sample sample, String reference) {
        String hypothesis = "";
        String failure = null;
        double millis = 0;
        GrayImage image = null;
        try {
            image = sample.loadImage();
            if (image == null) failure = "image: none loaded";
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            failure = "image: " + message(e);
        }
        if (image != null) {
            long t0 = System.nanoTime();
            try {
                Hypothesis h = recognizer.recognize(image);
                if (h == null || h.text() == null) {
                    failure = "recognizer returned no hypothesis";
                } else {
                    hypothesis = normalizer.normalize(h.text());
                }
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError | LinkageError | AssertionError e) {
                failure = message(e);
                LOG.log(System.Logger.Level.DEBUG, () -> recognizer.name() + " failed on " + sample.id(), e);
            }
            millis = (System.nanoTime() - t0) / 1e6;
        }
        return new LineResult(sample.id(), reference, hypothesis, EditDistance.characters(reference, hypothesis),
                EditDistance.words(reference, hypothesis), millis, failure);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getName();
        return e instanceof InputException ? m : e.getClass().getSimpleName() + ": " + m;
    }

    private static String describe(Recognizer recognizer) {
        try {
            String d = recognizer.describe();
            return d == null ? "" : d;
        } catch (RuntimeException e) {
            return "(describe failed: " + message(e) + ")";
        }
    }

    /** Counts finished lines and hands them to the listener one call at a time. */
    private final class Progress {
        private final String system;
        private final int index;
        private final int count;
        private final int total;
        private final long start = System.nanoTime();
        private int done;
        private int failures;
        private boolean listenerFailed;

        Progress(String system, int index, int count, int total) {
            this.system = system;
            this.index = index;
            this.count = count;
            this.total = total;
        }

        synchronized void lineDone(LineResult line) {
            done++;
            if (line.failed()) {
                failures++;
                if (failures == 1) {
                    LOG.log(System.Logger.Level.WARNING, system + " failed on line " + line.id() + ": "
                            + line.failure() + " (further failures are logged at DEBUG)");
                }
            }
            if (listenerFailed) return;
            try {
                listener.lineDone(new ComparisonProgress(system, index, count, done, total, failures,
                        (System.nanoTime() - start) / 1e9, line));
            } catch (RuntimeException e) {
                // a broken progress printer must not cost the measurement
                listenerFailed = true;
                LOG.log(System.Logger.Level.WARNING, "progress listener failed; no more progress for " + system, e);
            }
        }
    }
}
