package dev.ductus.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.data.Sample;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.features.spec.WindowFeatureExtractor;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
import dev.ductus.gmmhmm.train.GmmHmmTrainer;
import dev.ductus.gmmhmm.train.GmmHmmTrainingOptions;
import dev.ductus.gmmhmm.train.TrainingData;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.train.BaumWelchStatistics;
import dev.ductus.hmm.train.EmbeddedBaumWelch;
import dev.ductus.hmm.train.FlatStart;
import dev.ductus.hmm.train.TrainingLine;
import dev.ductus.image.io.ImageFileReader;
import dev.ductus.spark.assembly.PlainAssembly;
import dev.ductus.spark.config.ConfigFiles;
import dev.ductus.spark.train.LineFeatures;
import dev.ductus.spark.train.SparkBaumWelch;
import dev.ductus.spark.train.TrainGmmHmm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job against the runtime, in Spark's local[2] mode: the distribution built by this reactor reads 200 digit
 * lines with `ductus recognize`, the job reads the same files (and a corrupt one) with the same configuration and
 * models, and the texts must be byte-identical; one Baum-Welch E-step reduced over 4 partitions must give the local
 * 2-thread trainer's statistics; a GMM-HMM trained on Spark must be the one the local trainer makes.
 */
class SparkJobTest {
    static final Path DIST = Path.of(System.getProperty("ductus.dist", "../../runtime/target/ductus"));
    static final Path CONFIG = Path.of(System.getProperty("ductus.config", "../../config"));
    static Path work;
    static Path data;
    static Path input;
    static SparkSession spark;
    static JavaSparkContext sc;

    @BeforeAll
    static void setUp() throws Exception {
        assertTrue(Files.isExecutable(DIST.resolve("bin/ductus")), "the runtime distribution is built first: " + DIST);
        work = Files.createTempDirectory("ductus-spark-test");
        data = work.resolve("digits");
        run("data", "fetch");
        run("data", "make-digits", "--size", "small", "--out", data.toString());
        input = work.resolve("in");
        Files.createDirectories(input);
        List<Path> test = new ArrayList<>();
        try (var s = Files.list(data.resolve("test"))) {
            s.filter(p -> p.toString().endsWith(".png")).sorted().limit(200).forEach(test::add);
        }
        assertEquals(200, test.size(), "200 digit test lines");
        for (Path p : test) Files.copy(p, input.resolve(p.getFileName()));
        Files.writeString(input.resolve("zz-corrupt.png"), "not an image", StandardCharsets.US_ASCII);
        spark = Main.session("ductus test", "local[2]");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (spark != null) spark.stop();
        if (work != null) Recognize.deleteTree(work);
    }

    /** Runs the distribution's `ductus` with the user's cache (its shipped models are installed there). */
    static String run(String... args) throws IOException, InterruptedException {
        return run(0, args);
    }

    static String run(int status, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/ductus").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DUCTUS_JAVA_OPTS", "-Xmx2g");
        pb.environment().put("DUCTUS_CONFIG", CONFIG.toAbsolutePath().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "ductus " + String.join(" ", args) + " finished");
        assertEquals(status, p.exitValue(), "ductus " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    static Map<String, String> variables() {
        String env = System.getenv("DUCTUS_CACHE");
        Path cache = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "ductus");
        return Map.of("ductus.models", cache.resolve("models").toString(), "ductus.cache", cache.toString(),
                "ductus.home", DIST.toString());
    }

    @Test
    void recognitionOnSparkReadsTheSameTextsAsTheRuntimeAndReportsABadImageAsARow() throws Exception {
        for (String pipeline : List.of("crnn-digits", "historical-digits")) {
            Path expected = work.resolve("runtime-" + pipeline);
            // status 1: one file (the corrupt one) failed, the other 200 were read
            String log = run(1, "recognize", "--pipeline", pipeline, "--out", expected.toString(), input.toString());
            assertTrue(log.contains("zz-corrupt.png") && log.contains("unsupported image format"), log);
            JobPipeline job = JobPipeline.prepare(pipeline, CONFIG, variables());
            Dataset<Row> results = Recognize.recognize(spark, sc.broadcast(job),
                    Recognize.imageFiles(spark, input.toString()).repartition(4)).cache();
            Map<String, String> texts = new TreeMap<>();
            Row corrupt = null;
            for (Row r : results.collectAsList()) {
                if (r.getString(0).equals("zz-corrupt")) corrupt = r;
                else texts.put(r.getString(0), r.getString(3));
                if (!r.getString(0).equals("zz-corrupt")) assertEquals(job.modelVersion(), r.getString(6), "the model version is reported");
            }
            assertEquals(200, texts.size(), pipeline + ": one row per line");
            int same = 0;
            for (var e : texts.entrySet()) {
                byte[] want = Files.readAllBytes(expected.resolve(e.getKey() + ".txt"));
                assertArrayEquals(want, (e.getValue() + "\n").getBytes(StandardCharsets.UTF_8), pipeline + " " + e.getKey());
                same++;
            }
            assertEquals(200, same);
            assertTrue(corrupt != null, "the corrupt file has a row");
            assertNull(corrupt.get(3), "no text for the corrupt file");
            assertTrue(corrupt.getString(8).contains("zz-corrupt.png") && corrupt.getString(8).contains("unsupported image format"),
                    corrupt.getString(8));

            // the text output is the runtime's --out layout, file for file
            Path out = work.resolve("spark-" + pipeline);
            Recognize.write(results, "text", out.toUri().toString());
            for (String id : texts.keySet()) {
                assertArrayEquals(Files.readAllBytes(expected.resolve(id + ".txt")), Files.readAllBytes(out.resolve(id + ".txt")), id);
            }
        }
    }

    @Test
    void aPipelineThatCannotRunOnSparkIsRefusedOnTheDriverWithItsReason() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.ductus.api.InputException.class,
                () -> JobPipeline.prepare("tesseract", CONFIG, variables()));
        assertTrue(e.getMessage().contains("peer program"), e.getMessage());
        var missing = org.junit.jupiter.api.Assertions.assertThrows(dev.ductus.api.InputException.class,
                () -> JobPipeline.prepare("no-such-pipeline", CONFIG, variables()));
        assertTrue(missing.getMessage().contains("not configured") && missing.getMessage().contains("crnn-digits"), missing.getMessage());
    }

    @Test
    void aModelFileThatIsMissingRefusesOnlyThePipelineThatNamesIt() throws IOException {
        Path config = work.resolve("config-ghost");
        Files.createDirectories(config);
        try (var s = Files.list(CONFIG)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".cfg")).toList()) Files.copy(p, config.resolve(p.getFileName()));
        }
        Files.writeString(config.resolve("dev.ductus.attention.model~ghost.cfg"),
                "ductus.name = ghost\nmodel.path = " + work.resolve("no-such.model") + "\n");
        Files.writeString(config.resolve("dev.ductus.pipeline~ghost.cfg"),
                "model.target = (ductus.name=ghost)\ndata = cursive\n");
        JobPipeline job = JobPipeline.prepare("crnn-digits", config, variables());
        assertTrue(job.modelVersion() != null && !job.modelVersion().isBlank(), "another pipeline's missing model does not stop this one");
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.ductus.api.InputException.class,
                () -> JobPipeline.prepare("ghost", config, variables()));
        assertTrue(e.getMessage().contains("ghost") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void theDistributionHoldsNoSparkOrScalaJar() throws IOException {
        for (String folder : List.of("lib", "bundle")) {
            try (var s = Files.list(DIST.resolve(folder))) {
                List<String> found = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("spark-") || n.startsWith("scala-")
                        || n.startsWith("hadoop-") || n.contains("ductus.spark")).toList();
                assertTrue(found.isEmpty(), "Spark stays in the job jar: " + folder + " holds " + found);
            }
        }
    }

    @Test
    void aParquetTableOfFilesIsReadLikeTheFolder() {
        Path table = work.resolve("files.parquet");
        Recognize.imageFiles(spark, input.toString()).write().parquet(table.toUri().toString());
        JobPipeline job = JobPipeline.prepare("crnn-digits", CONFIG, variables());
        var b = sc.broadcast(job);
        List<Row> fromTable = Recognize.recognize(spark, b, Recognize.input(spark, table.toUri().toString(), "parquet")).sort("id").collectAsList();
        List<Row> fromFolder = Recognize.recognize(spark, b, Recognize.input(spark, input.toString(), "images")).sort("id").collectAsList();
        assertEquals(201, fromTable.size());
        for (int i = 0; i < fromTable.size(); i++) assertEquals(fromFolder.get(i).getString(3), fromTable.get(i).getString(3));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.ductus.api.InputException.class,
                () -> Recognize.input(spark, work.resolve("results-nope.parquet").toUri().toString() + "x", "tables"));
        assertTrue(e.getMessage().contains("images or parquet"), e.getMessage());
    }

    @Test
    void parquetAndPageOutputsHoldEveryRow() throws Exception {
        JobPipeline job = JobPipeline.prepare("crnn-digits", CONFIG, variables());
        Dataset<Row> results = Recognize.recognize(spark, sc.broadcast(job), Recognize.imageFiles(spark, input.toString())).cache();
        Path parquet = work.resolve("results.parquet");
        Recognize.write(results, "parquet", parquet.toUri().toString());
        Dataset<Row> back = spark.read().parquet(parquet.toUri().toString());
        assertEquals(201, back.count());
        assertEquals(1, back.filter("error IS NOT NULL").count());
        Path page = work.resolve("page");
        Recognize.write(results, "page-xml", page.toUri().toString());
        String xml = Files.readString(page.resolve("test-000000.xml"));
        String text = back.filter("id = 'test-000000'").first().getString(3);
        assertTrue(xml.contains("<PcGts") && xml.contains("<Unicode>" + text + "</Unicode>"), xml);
    }

    /** The first {@code n} training lines as the trainers see them, prepared locally on the "uniform" chain. */
    static List<TrainGmmHmm.LineRef> refs(int n) {
        List<TrainGmmHmm.LineRef> all = TrainGmmHmm.lineFolder(data.resolve("train"));
        return all.subList(0, n);
    }

    @Test
    void oneBaumWelchIterationOnFourPartitionsEqualsTheLocalTwoThreadStatistics() {
        List<TrainGmmHmm.LineRef> refs = refs(60);
        var configs = ConfigFiles.load(null, Map.of());
        Preprocessor pre = new PlainAssembly(configs).preprocessor("uniform");
        String spec = GmmHmmTrainingOptions.DEFAULT_FEATURES;
        List<Sample> samples = new ArrayList<>();
        ImageFileReader reader = new ImageFileReader();
        for (var r : refs) samples.add(new Sample(r.id(), r.text(), r.path(), () -> reader.read(Path.of(r.path())).get(0), List.of()));
        Alphabet alphabet = TrainingData.alphabetOf(samples);
        List<TrainingLine> local = TrainingData.lines(TrainingData.prepare(samples, pre, WindowFeatureExtractor.of(spec), alphabet, 2, false, w -> { }));

        JavaRDD<LineFeatures> rdd = TrainGmmHmm.features(sc, refs, configs, "uniform", spec, alphabet, 4);
        assertEquals(4, rdd.getNumPartitions());
        List<TrainingLine> distributed = rdd.collect().stream().map(LineFeatures::line).toList();
        assertEquals(local.size(), distributed.size());
        for (int i = 0; i < local.size(); i++) {
            assertEquals(local.get(i).id(), distributed.get(i).id());
            assertArrayEquals(local.get(i).features().data(), distributed.get(i).features().data(), "frames of " + local.get(i).id());
            assertArrayEquals(local.get(i).labels(), distributed.get(i).labels());
        }

        GmmHmmTrainer trainer = new GmmHmmTrainer(GmmHmmTrainingOptions.parse(Map.of()));
        FlatStart.GlobalStatistics global = FlatStart.globalStatistics(local);
        GmmHmm model = FlatStart.model(trainer.topology(local, alphabet), global);
        EmbeddedBaumWelch.Settings settings = new EmbeddedBaumWelch.Settings(global.floor(0.01), 2.0, 1e-3);
        try (EmbeddedBaumWelch bw = new EmbeddedBaumWelch(2)) {
            // one local iteration first, so the compared one runs on a model that is no longer flat
            model = EmbeddedBaumWelch.reestimate(model, bw.accumulate(model, local), settings);
            BaumWelchStatistics want = bw.accumulate(model, local);
            BaumWelchStatistics got = new SparkBaumWelch(sc, rdd, spec, EmbeddedBaumWelch.DEFAULT_BEAM).accumulate(model);
            assertEquals(want.lines(), got.lines());
            assertEquals(want.failedLines(), got.failedLines());
            assertEquals(want.frames(), got.frames());
            assertClose(want.logLikelihood(), got.logLikelihood(), "log-likelihood");
            int compared = 0;
            for (int g = 0; g < model.states(); g++) {
                assertClose(want.stateOccupancy(g), got.stateOccupancy(g), "occupancy of state " + g);
                for (int kind = 0; kind < 3; kind++) assertClose(want.transitionCount(g, kind), got.transitionCount(g, kind), "transition " + g + "/" + kind);
                for (int k = 0; k < model.gmm(g).components(); k++) {
                    assertClose(want.occupancy(g, k), got.occupancy(g, k), "occupancy " + g + "/" + k);
                    for (int d = 0; d < want.dimension(); d++) {
                        assertClose(want.sum(g, k, d), got.sum(g, k, d), "sum " + g + "/" + k + "/" + d);
                        assertClose(want.sumOfSquares(g, k, d), got.sumOfSquares(g, k, d), "sum of squares " + g + "/" + k + "/" + d);
                        compared += 2;
                    }
                }
            }
            assertTrue(compared > 1000, "compared " + compared + " moments");
            assertTrue(got.stateOccupancy(0) > 0, "the statistics are not empty");
        }
        rdd.unpersist(false);
    }

    static void assertClose(double want, double got, String what) {
        double scale = Math.max(Math.abs(want), 1e-300);
        assertTrue(Math.abs(want - got) <= 1e-9 * scale || Math.abs(want - got) < 1e-12, what + ": " + want + " vs " + got);
    }

    @Test
    void aGmmHmmTrainedOnSparkIsTheLocallyTrainedOneAndReads() throws Exception {
        List<TrainGmmHmm.LineRef> refs = refs(120);
        Map<String, String> options = Map.of("mixtures", "2", "iterations", "1", "iterations.first", "2", "chain", "uniform");
        var configs = ConfigFiles.load(null, Map.of());
        Path sparkModel = work.resolve("spark-gmm-hmm.model");
        GmmHmmModel onSpark = TrainGmmHmm.train(sc, refs, configs, "uniform", options, 4, sparkModel, new TrainingListener() {
            @Override
            public void progress(dev.ductus.api.train.TrainingProgress event) {
            }
        });
        GmmHmmModel read = GmmHmmModelFile.read(sparkModel);
        assertEquals(onSpark.facts().get("loglik.per.frame"), read.facts().get("loglik.per.frame"));

        // the same lines, features and options through the local trainer
        Preprocessor pre = new PlainAssembly(configs).preprocessor("uniform");
        List<Sample> samples = new ArrayList<>();
        ImageFileReader reader = new ImageFileReader();
        for (var r : refs) samples.add(new Sample(r.id(), r.text(), r.path(), () -> reader.read(Path.of(r.path())).get(0), List.of()));
        Alphabet alphabet = TrainingData.alphabetOf(samples);
        GmmHmmTrainingOptions o = GmmHmmTrainingOptions.parse(options);
        List<TrainingLine> lines = TrainingData.lines(TrainingData.prepare(samples, pre, WindowFeatureExtractor.of(o.features()), alphabet, 2, false, w -> { }));
        GmmHmmModel locally = new GmmHmmTrainer(o).train(lines, alphabet, e -> { }, null, null);
        double a = Double.parseDouble(locally.facts().get("loglik.per.frame"));
        double b = Double.parseDouble(read.facts().get("loglik.per.frame"));
        assertEquals(a, b, 1e-4 * Math.abs(a), "same training log-likelihood per frame");
        GmmHmm l = locally.gmmHmm();
        GmmHmm s = read.gmmHmm();
        assertEquals(l.states(), s.states());
        for (int g = 0; g < l.states(); g++) {
            assertEquals(l.gmm(g).components(), s.gmm(g).components(), "components of state " + g);
            for (int k = 0; k < l.gmm(g).components(); k++) {
                for (int d = 0; d < l.dimension(); d++) assertEquals(l.gmm(g).mean(k, d), s.gmm(g).mean(k, d), 1e-6 * (1 + Math.abs(l.gmm(g).mean(k, d))));
            }
        }

        // and the runtime's loader serves it in a pipeline: configure it as the digits GMM-HMM
        Path cfg = work.resolve("cfg");
        Files.createDirectories(cfg);
        Files.writeString(cfg.resolve("dev.ductus.gmmhmm~gmm-hmm-digits.cfg"), "ductus.name = gmm-hmm-digits\nmodel.path = " + sparkModel + "\n");
        Files.copy(CONFIG.resolve("dev.ductus.pipeline~historical-digits.cfg"), cfg.resolve("dev.ductus.pipeline~historical-digits.cfg"));
        Files.copy(CONFIG.resolve("dev.ductus.hmm.decoder~hmm-nolm.cfg"), cfg.resolve("dev.ductus.hmm.decoder~hmm-nolm.cfg"));
        var pipeline = new PlainAssembly(ConfigFiles.load(cfg, Map.of())).pipeline("historical-digits");
        String text = pipeline.recognize(new ImageFileReader().read(input.resolve("test-000000.png")).get(0)).text();
        assertTrue(!text.isEmpty() && text.chars().allMatch(c -> Character.isDigit(c) || c == ' '), "reads digits: '" + text + "'");
    }

    @Test
    void anMlpHmmTrainedWithGradientsSummedOnSparkReachesTheLocalValidationCer() throws Exception {
        Path gmm = Path.of(variables().get("ductus.models"), "gmm-hmm-digits.model");
        assertTrue(Files.exists(gmm), "the runtime installed its shipped GMM-HMM: " + gmm);
        Map<String, String> options = Map.of("gmm.model", gmm.toString(), "chain", "uniform", "epochs", "3", "max.lines", "400",
                "max.validation", "100", "validation.lines", "100", "patience", "3", "alignment.cache", work.resolve("align").toString());
        var configs = ConfigFiles.load(null, Map.of());
        TrainingListener quiet = e -> { };
        Path local = work.resolve("mlp-local.model");
        long t0 = System.nanoTime();
        var l = new dev.ductus.hybrid.train.HybridTrainingJob("mlp-hmm", new PlainAssembly(configs).preprocessor("uniform"), Map.of())
                .run(new dev.ductus.api.train.TrainingRequest(
                        dev.ductus.data.LineFolderReader.read(data.resolve("train"), false, new dev.ductus.image.component.ImageLoaderComponent(), "digits", "train"),
                        dev.ductus.data.LineFolderReader.read(data.resolve("validation"), false, new dev.ductus.image.component.ImageLoaderComponent(), "digits", "validation"),
                        local, false, options), quiet);
        double localSeconds = (System.nanoTime() - t0) / 1e9;
        Path distributed = work.resolve("mlp-spark.model");
        long t1 = System.nanoTime();
        var s = dev.ductus.spark.train.TrainHybrid.train(sc, "mlp-hmm", data.resolve("train"), data.resolve("validation"), configs,
                options, 4, distributed, quiet);
        double sparkSeconds = (System.nanoTime() - t1) / 1e9;
        double localCer = l.metrics().get("validation.cer");
        double sparkCer = s.metrics().get("validation.cer");
        System.out.printf(java.util.Locale.ROOT, "mlp-hmm, 400 digit lines, 3 epochs: validation CER local %.2f %% (%.0f s), spark local[2] x4 partitions %.2f %% (%.0f s)%n",
                100 * localCer, localSeconds, 100 * sparkCer, sparkSeconds);
        assertTrue(localCer < 0.5, "the local run learned something: " + localCer);
        assertEquals(localCer, sparkCer, 0.01, "validation CER within 1 point of the single-machine run");
        var model = dev.ductus.hybrid.model.HybridModelFile.read(distributed);
        assertEquals("mlp-hmm", model.system());
    }
}
