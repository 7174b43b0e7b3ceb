package dev.ductus.shell.cli;

import java.io.PrintStream;

/**
 * Progress lines with rate and ETA on the error stream, at most one every {@code intervalMillis} (and always
 * the last), so long jobs show they are alive without flooding a log.
 */
public final class Progress {
    private final PrintStream err;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private final long intervalNanos;
    private long lastPrint;

    public Progress(PrintStream err, String label, long total, long intervalMillis) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.lastPrint = start;
    }

    public synchronized void update(long done, String extra) {
        long now = System.nanoTime();
        if (done < total && now - lastPrint < intervalNanos) return;
        lastPrint = now;
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        err.printf("%s %d/%d  %.1f/s  elapsed %s  ETA %s%s%n", label, done, total, rate, clock(secs),
                done >= total ? "0:00" : clock(eta), extra == null || extra.isEmpty() ? "" : "  " + extra);
    }

    public static String clock(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) return "?";
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
