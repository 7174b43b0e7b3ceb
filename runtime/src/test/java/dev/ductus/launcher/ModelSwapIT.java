package dev.ductus.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * The model store in the assembled runtime, with the real image, features, hmm, gmm-hmm, lm and pipeline bundles:
 * a model rewritten at its configured path (what {@code ductus train} and {@code models build} do) is picked up
 * without a restart while four threads recognise, with no failed request; a truncated replacement is refused and
 * the old model keeps serving. Prints the rename-to-serving time.
 */
class ModelSwapIT {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("ductus-swap-it");
        System.setProperty("ductus.cache", dir.resolve("cache").toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        Distribution.deleteTree(dir);
    }

    private static String version(Path file) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        return "swap-gmm@" + HexFormat.of().formatHex(d).substring(0, 12);
    }

    /** Defect: the model components reloaded only when the configured path string changed. */
    @Test
    void aModelRetrainedInPlaceServesWithoutARestartAndATruncatedOneIsRefused() throws Exception {
        Path config = Distribution.copyConfig(dir.resolve("config"));
        Path lines = Files.createDirectories(dir.resolve("lines"));
        String[] words = {"sun", "moon", "noon", "sum", "mum", "onus"};
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 30; i++) {
            String text = words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
            Distribution.textLine(lines.resolve(String.format("l%02d.png", i)), text);
            Files.writeString(lines.resolve(String.format("l%02d.gt.txt", i)), text + "\n");
        }
        Path models = Files.createDirectories(dir.resolve("models"));
        Path served = models.resolve("swap.gmmhmm");
        Path retrained = models.resolve("retrained.gmmhmm");
        Path probe = Distribution.textLine(dir.resolve("probe.png"), "moon sun");
        try (var fw = new Distribution.InProcess(config, dir.resolve("storage"), true)) {
            for (Object[] run : new Object[][] {{served, "1"}, {retrained, "2"}}) {
                Distribution.Run t = fw.execute("train", "--system", "gmm-hmm", "--data", lines.toString(), "--validation",
                        lines.toString(), "--out", run[0].toString(), "--set", "mixtures=" + run[1], "--set", "iterations=1",
                        "--set", "iterations.first=3", "--set", "validation.lines=3", "--set", "chain=uniform");
                assertEquals(0, t.status(), t.err());
            }
            Files.writeString(config.resolve("dev.ductus.gmmhmm~swap-gmm.cfg"), "ductus.name = swap-gmm\nmodel.path = " + served + "\n");
            Files.writeString(config.resolve("dev.ductus.hmm.decoder~swap-hmm.cfg"),
                    "ductus.name = swap-hmm\nlm.weight = 0\ninsertion.penalty = 0\nbeam = 200\n");
            Files.writeString(config.resolve("dev.ductus.pipeline~swap.cfg"), "preprocessor.target = (ductus.name=uniform)\n"
                    + "model.target = (ductus.name=swap-gmm)\ndecoder.target = (ductus.name=swap-hmm)\n");
            String v1 = version(served);
            String v2 = version(retrained);
            awaitVersion(fw, v1);

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger requests = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        try {
                            Distribution.Run r = fw.execute("recognize", "--pipeline", "swap", "--format", "tsv", probe.toString());
                            if (r.status() != 0) failures.add(r.err());
                            requests.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                }));
            }
            Thread.sleep(300);
            // a retrained model renamed over the configured path, as AtomicFiles does
            Path staged = models.resolve(".swap.gmmhmm.tmp");
            Files.copy(retrained, staged);
            long rename = System.nanoTime();
            Files.move(staged, served, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            awaitVersion(fw, v2);
            long swapMillis = (System.nanoTime() - rename) / 1_000_000;
            int atSwap = requests.get();
            Thread.sleep(300);

            // a truncated file renamed over it: refused, the retrained model keeps serving
            byte[] whole = Files.readAllBytes(retrained);
            Files.write(staged, java.util.Arrays.copyOf(whole, whole.length / 2));
            Files.move(staged, served, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Thread.sleep(2500); // two watch periods: time enough to have swapped, had it been accepted
            String after = fw.execute("pipelines").out();
            assertTrue(RunningFrameworkIT.stagesOf(after, "swap").contains("[" + v2 + "]"), after);

            running.set(false);
            for (Future<?> f : workers) f.get(60, TimeUnit.SECONDS);
            pool.shutdown();
            System.out.printf("model rewritten in place -> new version serving in %d ms; %d requests on 4 threads "
                    + "(%d before the swap), %d failed%n", swapMillis, requests.get(), atSwap, failures.size());
            assertTrue(failures.isEmpty(), failures.size() + " failed requests: " + failures.peek());
            assertTrue(requests.get() > atSwap && atSwap > 0, "requests ran before and after the swap");
        }
    }

    /** The CTC bundles in the same runtime: a tiny CRNN trained there serves a pipeline and names its version. */
    @Test
    void aTinyCrnnTrainedInTheRuntimeServesItsPipelineWithItsVersion() throws Exception {
        Path config = Distribution.copyConfig(dir.resolve("config"));
        Path lines = Files.createDirectories(dir.resolve("lines"));
        for (int i = 0; i < 12; i++) {
            String text = i % 2 == 0 ? "sun" : "moon";
            Distribution.textLine(lines.resolve(String.format("l%02d.png", i)), text);
            Files.writeString(lines.resolve(String.format("l%02d.gt.txt", i)), text + "\n");
        }
        Path model = dir.resolve("models").resolve("swap.crnn");
        Path probe = Distribution.textLine(dir.resolve("probe.png"), "sun");
        try (var fw = new Distribution.InProcess(config, dir.resolve("storage"), true)) {
            Distribution.Run t = fw.execute("train", "--system", "crnn", "--data", lines.toString(), "--validation",
                    lines.toString(), "--out", model.toString(), "--set", "epochs=1", "--set", "batch=4",
                    "--set", "model=conv=4:3x3,pool=2x2,blstm=8");
            assertEquals(0, t.status(), t.err());
            Files.writeString(config.resolve("dev.ductus.ctc.model~swap-crnn.cfg"), "ductus.name = swap-crnn\nmodel.path = " + model + "\n");
            Files.writeString(config.resolve("dev.ductus.pipeline~swap.cfg"), "preprocessor.target = (ductus.name=pixels)\n"
                    + "model.target = (ductus.name=swap-crnn)\ndecoder.target = (ductus.name=ctc-greedy)\n");
            awaitVersion(fw, version(model).replace("swap-gmm@", "swap-crnn@"));
            Distribution.Run r = fw.execute("recognize", "--pipeline", "swap", "--format", "tsv", probe.toString());
            assertEquals(0, r.status(), r.err());
        }
    }

    private static void awaitVersion(Distribution.InProcess fw, String version) throws Exception {
        long start = System.nanoTime();
        while (!RunningFrameworkIT.stagesOf(fw.execute("pipelines").out(), "swap").contains("[" + version + "]")) {
            if (System.nanoTime() - start > 30_000_000_000L) {
                throw new AssertionError("pipeline swap never served " + version + ": " + fw.execute("pipelines").out());
            }
            Thread.sleep(20);
        }
    }
}
