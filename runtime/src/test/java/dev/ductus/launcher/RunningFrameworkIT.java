package dev.ductus.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distribution's framework started in this JVM, as `ductus run` starts it: it keeps serving after bad input,
 * swaps a stage when a file in config/ is edited, and keeps ConfigurationAdmin's configuration over a restart.
 * Prints the measured startup time and config-edit-to-swap time.
 */
class RunningFrameworkIT {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("ductus-run-it");
        System.setProperty("ductus.cache", dir.resolve("cache").toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        Distribution.deleteTree(dir);
    }

    @Test
    void keepsServingAfterBadInput() throws Exception {
        Path config = Distribution.copyConfig(dir.resolve("config"));
        try (var fw = new Distribution.InProcess(config, dir.resolve("storage"), true)) {
            Path good = Distribution.textLine(dir.resolve("good.png"));
            Path empty = Files.createFile(dir.resolve("empty.png"));
            Path huge = Files.write(dir.resolve("huge.png"), OneShotVerbsIT.hugePngHeader(30000, 30000));
            for (Path bad : new Path[] {empty, huge, dir.resolve("missing.png")}) {
                Distribution.Run r = fw.execute("recognize", "--pipeline", "preprocess", bad.toString());
                assertNotEquals(0, r.status());
                assertTrue(r.err().contains(bad.toString()), r.err());
                Distribution.Run ok = fw.execute("recognize", "--pipeline", "preprocess", good.toString());
                assertEquals(0, ok.status(), "still serving after " + bad + ": " + ok.err());
            }
        }
    }

    @Test
    void editingAConfigFileSwapsTheStageWhileRequestsRun() throws Exception {
        Path config = Distribution.copyConfig(dir.resolve("config"));
        Path good = Distribution.textLine(dir.resolve("good.png"));
        try (var fw = new Distribution.InProcess(config, dir.resolve("storage"), true)) {
            long t0 = System.nanoTime();
            Distribution.Run first = fw.execute("recognize", "--pipeline", "preprocess", "--format", "tsv", good.toString());
            long readyMillis = fw.startMillis + (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, first.status(), first.err());
            System.out.printf("startup: framework %d ms, to a served request on a ready pipeline %d ms%n", fw.startMillis, readyMillis);

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger served = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        try {
                            Distribution.Run r = fw.execute("recognize", "--pipeline", "preprocess", good.toString());
                            if (r.status() != 0) failures.add(r.err());
                            served.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                }));
            }
            Path cfg = config.resolve("dev.ductus.pipeline~preprocess.cfg");
            List<Long> swapMillis = new ArrayList<>();
            String[] chains = {"binarized", "default", "binarized", "default"};
            for (String chain : chains) {
                String text = Files.readString(cfg).replaceAll("preprocessor.target = \\(ductus.name=\\w+\\)",
                        "preprocessor.target = (ductus.name=" + chain + ")");
                long edit = System.nanoTime();
                Files.writeString(cfg, text);
                while (!stagesOf(fw.execute("pipelines").out(), "preprocess").contains("preprocessor=" + chain + " ")) {
                    if ((System.nanoTime() - edit) > 10_000_000_000L) throw new AssertionError("no swap to " + chain + " in 10 s");
                    Thread.sleep(5);
                }
                swapMillis.add((System.nanoTime() - edit) / 1_000_000);
                Thread.sleep(400); // let requests run on the new stage before the next edit
            }
            running.set(false);
            for (Future<?> f : workers) f.get(30, TimeUnit.SECONDS);
            pool.shutdown();
            System.out.println("config edit -> swapped stage serving (ms, FileInstall poll 100 ms): " + swapMillis
                    + "; requests served meanwhile: " + served.get());
            assertTrue(failures.isEmpty(), failures.size() + " failed requests: " + failures.peek());
            assertTrue(served.get() > 0);
        }
    }

    /** The stages column of one pipeline's line in the output of `pipelines`. */
    static String stagesOf(String pipelinesOutput, String name) {
        for (String line : pipelinesOutput.split("\n")) {
            if (line.startsWith(name + " ")) return line;
        }
        return "";
    }

    @Test
    void aRestartKeepsTheConfiguration() throws Exception {
        Path config = Files.createDirectories(dir.resolve("empty-config"));
        Path storage = dir.resolve("storage");
        try (var fw = new Distribution.InProcess(config, storage, false)) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("preprocessor.target", "(ductus.name=pixels)");
            props.put("description", "made through ConfigurationAdmin");
            fw.createFactoryConfiguration("dev.ductus.pipeline", "admin-made", props);
            Distribution.Run r = fw.execute("recognize", "--pipeline", "admin-made", "--wait", "10",
                    Distribution.textLine(dir.resolve("a.png")).toString());
            assertEquals(0, r.status(), r.err());
        }
        try (var fw = new Distribution.InProcess(config, storage, false)) {
            Distribution.Run r = fw.execute("pipelines", "--wait", "5");
            assertTrue(r.out().contains("admin-made") && r.out().contains("preprocessor=pixels"), r.out());
        }
    }
}
