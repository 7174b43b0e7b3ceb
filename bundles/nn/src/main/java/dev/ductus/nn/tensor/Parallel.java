package dev.ductus.nn.tensor;

import java.util.stream.IntStream;

/**
 * Splits element-wise loops over the cores (the calling thread plus the common fork-join pool), so the Java
 * side of a layer uses the same two cores the native products do. Loops below {@code minChunk} items per
 * part run on the calling thread.
 */
public final class Parallel {
    /** Parts a loop is split into: the cores, unless -Dductus.nn.threads says otherwise. */
    public static final int THREADS = Math.max(1, Integer.getInteger("ductus.nn.threads",
            Runtime.getRuntime().availableProcessors()));

    /** The body of a loop over [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private Parallel() {
    }

    public static void range(int n, int minChunk, Range body) {
        int parts = Math.min(THREADS, Math.max(1, n / Math.max(1, minChunk)));
        if (parts <= 1) {
            if (n > 0) body.run(0, n);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(p -> {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            if (from < to) body.run(from, to);
        });
    }

    /** Runs two tasks at once (e.g. the two directions of a bidirectional LSTM). */
    public static void both(Runnable a, Runnable b) {
        if (THREADS <= 1) {
            a.run();
            b.run();
            return;
        }
        var fb = java.util.concurrent.ForkJoinPool.commonPool().submit(b);
        a.run();
        try {
            fb.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }
}
