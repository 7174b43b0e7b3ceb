package dev.ductus.web.api;

/**
 * What one request may cost: the largest body (413 above it), the time a pipeline may take on one request (its
 * result is then an error, the worker finishes in the background), the worker pool (requests beyond
 * {@code workers + queue} waiting pipelines get 503), the zip limits of {@code /api/compare}, and the access token
 * (empty: none asked for; the service binds to loopback by default).
 */
public record WebLimits(long maxBodyBytes, long timeoutMillis, int workers, int queue, int maxZipEntries,
                        long maxZipBytes, String token) {
    public WebLimits {
        if (maxBodyBytes < 1) throw new IllegalArgumentException("max.body.bytes must be positive, got " + maxBodyBytes);
        if (timeoutMillis < 1) throw new IllegalArgumentException("timeout.seconds must be positive");
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        if (queue < 0) throw new IllegalArgumentException("queue must be >= 0, got " + queue);
        token = token == null ? "" : token.trim();
    }

    public static WebLimits defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new WebLimits(32L << 20, 60_000, Math.max(2, cores), 64, 20_000, 512L << 20, "");
    }
}
