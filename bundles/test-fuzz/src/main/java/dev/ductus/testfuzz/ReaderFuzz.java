package dev.ductus.testfuzz;

import dev.ductus.api.InputException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The property every reader of outside input must keep: given any bytes, it returns normally or throws an
 * {@link InputException} whose message names the file; within {@link #TIME_LIMIT} and without allocating more
 * than its allocation limit on the heap. Anything else (a {@code RuntimeException} from deep inside, an
 * {@code OutOfMemoryError}, a {@code StackOverflowError}, a hang, an InputException naming something else)
 * fails with an {@link AssertionError} carrying the input as base64, ready to be kept as a regression test.
 *
 * <p>{@link #campaign} drives a plain, deterministic fuzzing campaign from a JUnit test: case {@code i} of a
 * campaign with seed {@code s} is made from {@code new Random(caseSeed(s, i))}, so a failure (which names the
 * case, its seed and its input) is reproduced from {@code (s, i)} alone, e.g. with
 * {@code -Dductus.fuzz.case=i}. The number of cases is {@code -Dductus.fuzz.tries} (default
 * {@value #DEFAULT_TRIES}); a long run, for one bundle's fuzz test:
 * <pre>
 * mvn -B -ntp -o install -pl bundles/&lt;module&gt; -Dtest=&lt;X&gt;FuzzTest -Dductus.fuzz.tries=1000000
 * </pre>
 *
 * <p>Each read runs on a worker thread, so a hang fails the campaign instead of blocking the build (the stuck
 * thread is a daemon and is abandoned). One instance per reader; it also records how many inputs were read
 * and refused and the longest single read, for {@link #summary()}.
 */
public final class ReaderFuzz {
    public static final Duration TIME_LIMIT = Duration.ofSeconds(5);
    /** Heap a read may allocate by default: far above what any seed needs, far below the test JVM's 2 GB. */
    public static final long DEFAULT_ALLOCATION_LIMIT = 256L << 20;

    /** System property: the number of cases per campaign. */
    public static final String TRIES_PROPERTY = "ductus.fuzz.tries";
    /** System property: run only this case of each campaign (to reproduce a failure). */
    public static final String CASE_PROPERTY = "ductus.fuzz.case";
    /** Cases per campaign unless {@value #TRIES_PROPERTY} says otherwise. */
    public static final int DEFAULT_TRIES = 10_000;

    /** A reader under test: reads the file completely (every page, every section). */
    @FunctionalInterface
    public interface Read {
        void read(Path file) throws Exception;
    }

    private final String reader;
    private final long allocationLimit;
    private ExecutorService worker = newWorker();
    private long cases;
    private long refused;
    private long longestNanos;
    private long totalNanos;
    private long mostAllocated;

    public ReaderFuzz(String reader) {
        this(reader, DEFAULT_ALLOCATION_LIMIT);
    }

    public ReaderFuzz(String reader, long allocationLimit) {
        this.reader = reader;
        this.allocationLimit = allocationLimit;
    }

    /** Makes the bytes of one case from its own random source. */
    @FunctionalInterface
    public interface Case {
        byte[] bytes(Random rnd);
    }

    /** Cases per campaign: {@code -D}{@value #TRIES_PROPERTY}, else {@value #DEFAULT_TRIES}. */
    public static int tries() {
        return Integer.getInteger(TRIES_PROPERTY, DEFAULT_TRIES);
    }

    /** The seed of case {@code index} of a campaign with seed {@code seed} (SplitMix64 of the pair). */
    public static long caseSeed(long seed, int index) {
        long z = seed + (index + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@link #campaign(String, long, int, Path, Case, Read)} with {@link #tries()} cases. */
    public void campaign(String name, long seed, Path file, Case caseOf, Read read) {
        campaign(name, seed, tries(), file, caseOf, read);
    }

    /**
     * Checks {@code tries} cases: case {@code i} is {@code caseOf} given {@code new Random(caseSeed(seed, i))},
     * written to {@code file} and read by {@code read} ({@link #check}). Stops at the first failure, which
     * names the campaign, the case index, both seeds and the input. With {@code -D}{@value #CASE_PROPERTY}
     * {@code =i}, checks case {@code i} only.
     */
    public synchronized void campaign(String name, long seed, int tries, Path file, Case caseOf, Read read) {
        Integer only = Integer.getInteger(CASE_PROPERTY);
        int from = only == null ? 0 : only;
        int to = only == null ? tries : only + 1;
        for (int i = from; i < to; i++) {
            long caseSeed = caseSeed(seed, i);
            byte[] bytes = caseOf.bytes(new Random(caseSeed));
            check(file, bytes, read, String.format(Locale.ROOT,
                    "%s case %d of %d (campaign seed %d, case seed %d; rerun it alone with -D%s=%d)",
                    name, i, tries, seed, caseSeed, CASE_PROPERTY, i));
        }
    }

    /** Writes {@code bytes} to {@code file} and checks that {@code read} reads or refuses it as it must. */
    public void check(Path file, byte[] bytes, Read read) {
        check(file, bytes, read, null);
    }

    private synchronized void check(Path file, byte[] bytes, Read read, String context) {
        try {
            write(file, bytes);
        } catch (IOException e) {
            throw new AssertionError("cannot write the fuzz input " + file + ": " + e, e);
        }
        AtomicLong allocated = new AtomicLong();
        long start = System.nanoTime();
        Future<?> result = worker.submit(() -> {
            long before = threadAllocatedBytes();
            try {
                read.read(file);
            } finally {
                allocated.set(threadAllocatedBytes() - before);
            }
            return null;
        });
        Throwable failure = null;
        try {
            result.get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw fail(context, file, bytes, "no answer within " + TIME_LIMIT.toSeconds() + " s (a hang)", null);
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        long nanos = System.nanoTime() - start;
        cases++;
        totalNanos += nanos;
        longestNanos = Math.max(longestNanos, nanos);
        mostAllocated = Math.max(mostAllocated, allocated.get());
        if (failure instanceof InputException ie) {
            refused++;
            String message = String.valueOf(ie.getMessage());
            if (!message.contains(file.getFileName().toString())) {
                throw fail(context, file, bytes, "refused with a message that does not name the file: " + message, ie);
            }
        } else if (failure != null) {
            throw fail(context, file, bytes, failure.getClass().getName() + " escaped the reader: " + failure.getMessage(), failure);
        }
        if (allocated.get() > allocationLimit) {
            throw fail(context, file, bytes, "allocated " + (allocated.get() >> 20) + " MB reading " + bytes.length
                    + " bytes, above the limit of " + (allocationLimit >> 20) + " MB", null);
        }
    }

    /**
     * Writes the case over the previous one in place and cuts it to length: as {@link Files#write} would, but
     * without truncating to 0 first, which costs far more (half a millisecond on ext4) than reading a case.
     */
    private static void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) out.write(buffer, buffer.position());
            out.truncate(bytes.length);
        }
    }

    private AssertionError fail(String context, Path file, byte[] bytes, String problem, Throwable cause) {
        String input = bytes.length <= 1 << 16 ? Base64.getEncoder().encodeToString(bytes) : "(" + bytes.length + " bytes)";
        return new AssertionError(reader + " on " + file + ": " + problem
                + (context == null ? "" : "\n  " + context) + "\n  input (base64): " + input, cause);
    }

    /** Inputs read, how many were refused, the longest single read and the time of all. */
    public synchronized String summary() {
        return String.format(Locale.ROOT, "%s fuzz: %d inputs (%d refused), longest %.1f ms, total %.2f s, at most %d KB allocated",
                reader, cases, refused, longestNanos / 1e6, totalNanos / 1e9, mostAllocated >> 10);
    }

    public synchronized long cases() {
        return cases;
    }

    private static long threadAllocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemoryEnabled()) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return 0;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reader-fuzz");
            t.setDaemon(true);
            return t;
        });
    }
}
