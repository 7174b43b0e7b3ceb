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

    /**
     * The historical pipeline's optical model goes from a GMM-HMM to an MLP-HMM by one edit of its file in
     * config/, in the running framework, with both models trained there by `ductus train` on a small line folder
     * (the MLP on the GMM's forced alignment), both on the preprocessing chain the runs name. The same HMM decoder
     * serves both.
     */
    @Test
    void oneConfigEditSwapsTheHistoricalPipelineFromGmmToMlp() throws Exception {
        Path config = Distribution.copyConfig(dir.resolve("config"));
        Path lines = Files.createDirectories(dir.resolve("lines"));
        String[] words = {"sun", "moon", "noon", "sum", "mum", "onus"};
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 40; i++) {
            String text = words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
            Distribution.textLine(lines.resolve(String.format("l%02d.png", i)), text);
            Files.writeString(lines.resolve(String.format("l%02d.gt.txt", i)), text + "\n");
        }
        Path gmm = dir.resolve("models").resolve("it.gmmhmm");
        Path mlp = dir.resolve("models").resolve("it-mlp.model");
        Path probe = Distribution.textLine(dir.resolve("probe.png"), "moon sun");
        try (var fw = new Distribution.InProcess(config, dir.resolve("storage"), true)) {
            Distribution.Run g = fw.execute("train", "--system", "gmm-hmm", "--data", lines.toString(), "--validation",
                    lines.toString(), "--out", gmm.toString(), "--set", "mixtures=2", "--set", "iterations=2",
                    "--set", "iterations.first=4", "--set", "validation.lines=5", "--set", "chain=uniform");
            assertEquals(0, g.status(), g.err());
            Distribution.Run m = fw.execute("train", "--system", "mlp-hmm", "--data", lines.toString(), "--validation",
                    lines.toString(), "--out", mlp.toString(), "--set", "gmm.model=" + gmm, "--set", "epochs=3",
                    "--set", "model=window=2,dense=64:relu,dense=64:relu", "--set", "validation.lines=5",
                    "--set", "chain=uniform");
            assertEquals(0, m.status(), m.err());

            Files.writeString(config.resolve("dev.ductus.gmmhmm~it-gmm.cfg"), "ductus.name = it-gmm\nmodel.path = " + gmm + "\n");
            Files.writeString(config.resolve("dev.ductus.hybrid.model~it-mlp.cfg"), "ductus.name = it-mlp\nmodel.path = " + mlp + "\n");
            Files.writeString(config.resolve("dev.ductus.hmm.decoder~it-hmm.cfg"),
                    "ductus.name = it-hmm\nlm.weight = 0\ninsertion.penalty = 0\nbeam = 400\n");
            Path pipeline = config.resolve("dev.ductus.pipeline~it-historical.cfg");
            String gmmText = "preprocessor.target = (ductus.name=uniform)\nmodel.target = (ductus.name=it-gmm)\n"
                    + "decoder.target = (ductus.name=it-hmm)\n";
            Files.writeString(pipeline, gmmText);
            Distribution.Run before = fw.execute("recognize", "--pipeline", "it-historical", "--format", "tsv", probe.toString());
            assertEquals(0, before.status(), before.err());
            assertTrue(stagesOf(fw.execute("pipelines").out(), "it-historical").contains("model=it-gmm "));

            long edit = System.nanoTime();
            Files.writeString(pipeline, gmmText.replace("(ductus.name=it-gmm)", "(ductus.name=it-mlp)"));
            while (!stagesOf(fw.execute("pipelines").out(), "it-historical").contains("model=it-mlp ")) {
                if ((System.nanoTime() - edit) > 10_000_000_000L) throw new AssertionError("no swap to the MLP in 10 s");
                Thread.sleep(5);
            }
            long swapMillis = (System.nanoTime() - edit) / 1_000_000;
            Distribution.Run after = fw.execute("recognize", "--pipeline", "it-historical", "--format", "tsv", probe.toString());
            assertEquals(0, after.status(), after.err());
            assertTrue(after.out().contains("it-mlp: "), after.out());
            assertTrue(!before.out().split("\t")[1].isBlank() && !after.out().split("\t")[1].isBlank(),
                    "both models read some text: " + before.out() + " / " + after.out());
            System.out.printf("historical pipeline GMM -> MLP by one config edit: serving in %d ms; 'moon sun' read as '%s' by the GMM, '%s' by the MLP%n",
                    swapMillis, before.out().split("\t")[1], after.out().split("\t")[1]);
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
