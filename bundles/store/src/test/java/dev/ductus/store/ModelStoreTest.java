package dev.ductus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path dir;

    /** A "model" is the file's text; a file without the END trailer is truncated and refused. */
    private static final ModelStore.Loader<String> TEXT = files -> {
        String s = Files.readString(files.get(0));
        if (!s.endsWith("\nEND")) throw new IOException(files.get(0) + ": truncated (no END trailer)");
        return s;
    };

    private static String sha(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Path model(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        AtomicFiles.writeString(p, body + "\nEND");
        return p;
    }

    @Test
    void servesTheFileAndNamesItsContent() throws Exception {
        Path p = model("m.model", "weights v1");
        ModelStore<String> store = new ModelStore<>("crnn", TEXT, 0);
        assertNull(store.current());
        assertTrue(store.configure(ModelStore.Source.of(p)));
        Served<String> s = store.require();
        assertEquals("weights v1\nEND", s.model());
        assertEquals(sha("weights v1\nEND"), s.version().sha256());
        assertEquals("crnn@" + sha("weights v1\nEND").substring(0, 12), s.version().id());
        assertEquals(List.of(p), s.version().files());
        assertTrue(store.status().startsWith("serving crnn@"), store.status());
    }

    /** Defect: the components reloaded only when the configured path string changed. */
    @Test
    void aModelRetrainedToTheSamePathIsSwappedIn() throws Exception {
        Path p = model("m.model", "v1");
        ModelStore<String> store = new ModelStore<>("m", TEXT, 0);
        store.configure(ModelStore.Source.of(p));
        String v1 = store.require().version().id();
        assertFalse(store.refresh(), "nothing changed");
        model("m.model", "v2 after retraining");
        assertTrue(store.refresh());
        assertEquals("v2 after retraining\nEND", store.require().model());
        assertNotEquals(v1, store.require().version().id());
        // configuring the same source again with unchanged files does not reload
        Served<String> before = store.require();
        assertTrue(store.configure(ModelStore.Source.of(p)));
        assertTrue(before == store.require());
    }

    @Test
    void aTruncatedReplacementIsRefusedAndTheOldModelKeepsServing() throws Exception {
        Path p = model("m.model", "good");
        List<Served<String>> served = new ArrayList<>();
        ModelStore<String> store = new ModelStore<>("m", TEXT, 0);
        store.onServe(served::add);
        store.configure(ModelStore.Source.of(p));
        Files.writeString(p, "good but cut");
        assertFalse(store.refresh());
        assertEquals("good\nEND", store.require().model());
        assertTrue(store.status().contains("refused") && store.status().contains("truncated"), store.status());
        assertFalse(store.refresh(), "the refused content is not retried");
        model("m.model", "fixed");
        assertTrue(store.refresh());
        assertEquals("fixed\nEND", store.require().model());
        assertEquals(2, served.size(), "listeners hear each model served, not the refusal");
    }

    /** #16 (7): a refused hot swap logged SEVERE plus a 30-line trace; it is one line naming the file and why. */
    @Test
    void aRefusedReplacementIsLoggedOnOneLineWithoutATrace() throws Exception {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(ModelStore.class.getName());
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) { records.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        jul.addHandler(h);
        try {
            Path p = model("m.model", "good");
            ModelStore<String> store = new ModelStore<>("m", TEXT, 0);
            store.configure(ModelStore.Source.of(p));
            Files.writeString(p, "good but cut");
            assertFalse(store.refresh());
            java.util.logging.LogRecord refused = records.stream()
                    .filter(r -> r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).findFirst().orElseThrow();
            String text = java.text.MessageFormat.format(refused.getMessage(), refused.getParameters());
            assertTrue(text.contains("refused " + p) && text.contains("still serving"), text);
            assertFalse(text.contains("\n"), "one line: " + text);
            assertEquals(null, refused.getThrown(), "no stack trace");
        } finally {
            jul.removeHandler(h);
        }
    }

    @Test
    void aMissingFileWaitsAndIsServedOnceItAppears() throws Exception {
        Path p = dir.resolve("later.model");
        ModelStore<String> store = new ModelStore<>("later", TEXT, 0);
        assertFalse(store.configure(ModelStore.Source.of(p)));
        IllegalStateException e = assertThrows(IllegalStateException.class, store::require);
        assertTrue(e.getMessage().startsWith("later: not ready: waiting: "), e.getMessage());
        assertFalse(store.refresh());
        model("later.model", "trained");
        assertTrue(store.refresh());
        assertEquals("trained\nEND", store.require().model());
    }

    @Test
    void aDeletedFileKeepsTheModelServing() throws Exception {
        Path p = model("m.model", "v1");
        ModelStore<String> store = new ModelStore<>("m", TEXT, 0);
        store.configure(ModelStore.Source.of(p));
        Files.delete(p);
        assertFalse(store.refresh());
        assertEquals("v1\nEND", store.require().model());
    }

    @Test
    void aChangeIsLoadedOnlyOnceTheFileHasSettled() throws Exception {
        Path p = model("m.model", "v1");
        ModelStore<String> store = new ModelStore<>("m", TEXT, 80);
        store.configure(ModelStore.Source.of(p));
        model("m.model", "v2");
        assertFalse(store.refresh(), "first sight of the change: wait for it to settle");
        Thread.sleep(120);
        assertTrue(store.refresh());
        assertEquals("v2\nEND", store.require().model());
    }

    @Test
    void aPinnedChecksumRefusesOtherContent() throws Exception {
        Path p = model("m.model", "v1");
        ModelStore<String> store = new ModelStore<>("m", TEXT, 0);
        assertFalse(store.configure(new ModelStore.Source(List.of(p), "", "00" + sha("v1\nEND").substring(2))));
        assertTrue(store.status().contains("not the pinned"), store.status());
        assertTrue(store.configure(new ModelStore.Source(List.of(p), "", sha("v1\nEND").toUpperCase())));
    }

    @Test
    void aNewKeyReloadsTheSameFiles() throws Exception {
        Path p = model("m.model", "v1");
        AtomicInteger loads = new AtomicInteger();
        ModelStore<String> store = new ModelStore<>("m", files -> {
            loads.incrementAndGet();
            return TEXT.load(files);
        }, 0);
        store.configure(new ModelStore.Source(List.of(p), "unit=word", ""));
        store.configure(new ModelStore.Source(List.of(p), "unit=word", ""));
        assertEquals(1, loads.get());
        store.configure(new ModelStore.Source(List.of(p), "unit=char", ""));
        assertEquals(2, loads.get());
    }

    /** Each reader sees a model together with the version of exactly that content, through many swaps. */
    @Test
    void concurrentReadersAlwaysSeeAModelWithItsOwnVersion() throws Exception {
        Path p = model("m.model", "v0");
        ModelStore<String> store = new ModelStore<>("m", TEXT, 0);
        store.configure(ModelStore.Source.of(p));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            readers.add(pool.submit(() -> {
                int reads = 0;
                while (!stop.get()) {
                    Served<String> s = store.require();
                    if (!s.version().sha256().equals(sha(s.model()))) throw new AssertionError("model and version disagree");
                    reads++;
                }
                return reads;
            }));
        }
        for (int v = 1; v <= 30; v++) {
            model("m.model", "v" + v);
            store.refresh();
        }
        stop.set(true);
        int total = 0;
        for (Future<Integer> f : readers) total += f.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertTrue(total > 0);
        assertEquals("v30\nEND", store.require().model());
    }

    @Test
    void theSharedWatchPicksUpAnAtomicReplacement() throws Exception {
        Path p = model("w.model", "v1");
        try (ModelStore<String> store = new ModelStore<>("w", TEXT, 0)) {
            store.configure(ModelStore.Source.of(p));
            store.watch();
            model("w.model", "v2");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!store.require().model().startsWith("v2") && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals("v2\nEND", store.require().model());
        }
        assertEquals(0, ModelWatch.shared().size());
    }
}
