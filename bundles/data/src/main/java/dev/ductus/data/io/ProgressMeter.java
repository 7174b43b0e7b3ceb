package dev.ductus.data.io;

import java.util.Locale;

/**
 * Counts finished items of a known total and reports rate and ETA, at most every {@code intervalMillis}
 * and once at the end. Thread-safe, so parallel workers can report into one meter.
 */
public final class ProgressMeter {
    private final String label;
    private final long total;
    private final ProgressListener listener;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long done;
    private long lastReport = start;

    public ProgressMeter(String label, long total, ProgressListener listener, long intervalMillis) {
        this.label = label;
        this.total = total;
        this.listener = listener;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    public synchronized void step() {
        done++;
        long now = System.nanoTime();
        if (done == total || now - lastReport >= intervalNanos) {
            lastReport = now;
            listener.message(line(now));
        }
    }

    public synchronized double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        return String.format(Locale.ROOT, "%s: %d/%d (%.0f%%), %.1f/s, elapsed %s, ETA %s", label, done, total,
                100.0 * done / Math.max(1, total), rate, duration(seconds), done == total ? "0s" : duration(eta));
    }

    static String duration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) return "?";
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
