package dev.ductus.shell.cli;

import dev.ductus.api.InputException;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.recognize.Recognizer;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recognizer with a time limit per image: the image is recognised on a worker thread and the caller waits at
 * most the limit. Past it the worker is interrupted (the decoders check for it between frames or steps), the image
 * fails with one line naming it and the limit, and the caller goes on with the next image on another worker: a
 * hung decoder costs one image, never the whole run. A worker that ignores the interrupt is abandoned (a daemon
 * thread) and counted; {@link #abandoned()} says how many are still running.
 */
final class TimeLimitedRecognizer implements Recognizer {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ductus-time-limited-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final Recognizer inner;
    private final long limitMillis;
    private final String option;
    private final AtomicInteger overdue = new AtomicInteger();

    private TimeLimitedRecognizer(Recognizer inner, long limitMillis, String option) {
        this.inner = inner;
        this.limitMillis = limitMillis;
        this.option = option;
    }

    /** The recognizer under a limit of {@code seconds} per image; the recognizer itself when seconds is 0 (none). */
    static Recognizer wrap(Recognizer inner, double seconds, String option) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new Arguments.UsageException(option + " must be a number of seconds >= 0 (0: no limit), got " + seconds);
        }
        if (seconds == 0 || inner == null) return inner;
        return new TimeLimitedRecognizer(inner, Math.max(1, Math.round(seconds * 1000)), option);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public boolean paragraphs() {
        return inner.paragraphs();
    }

    /** Workers past their limit that have not stopped yet. */
    int abandoned() {
        return overdue.get();
    }

    @Override
    public Hypothesis recognize(GrayImage image) {
        // 0 running, 1 finished in time, 2 past the limit (counted in overdue until the worker leaves)
        AtomicInteger state = new AtomicInteger();
        Future<Hypothesis> f = WORKERS.submit(() -> {
            try {
                return inner.recognize(image);
            } finally {
                if (!state.compareAndSet(0, 1)) overdue.decrementAndGet();
            }
        });
        try {
            try {
                return f.get(limitMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!state.compareAndSet(0, 2)) return f.get();   // it finished just now
                overdue.incrementAndGet();
                f.cancel(true);
                throw new InputException(image.source(), String.format(Locale.ROOT,
                        "pipeline %s gave no answer within the time limit of %s s (%s): abandoned", inner.name(),
                        trim(limitMillis / 1000.0), option));
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new InputException(image.source(), "recognition interrupted");
        }
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
