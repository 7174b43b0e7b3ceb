package dev.ductus.spark;

import dev.ductus.api.InputException;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.spark.config.ConfigFiles;
import dev.ductus.spark.train.TrainGmmHmm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The job's command line: {@code recognize}, {@code train-gmm-hmm} and {@code bench}, under {@code spark-submit}
 * (which gives the master) or as {@code java -jar ductus-spark.jar VERB --master local[2] ...}. Exit status 0 on
 * success, 2 for a usage error or bad input (one line on standard error), 1 for anything else.
 */
public final class Main {
    static final String USAGE = """
            usage: java -jar ductus-spark.jar <verb> [options]      (or spark-submit --class dev.ductus.spark.Main ductus-spark.jar <verb> ...)
              recognize --pipeline NAME --input DIR|URI [--input-format images|parquet] [--output parquet|text|page-xml] --out DIR|URI
                  [--partitions N]   (a parquet input is a table with the columns path (string) and content (binary))
                  every image under the input (png, jpg, tif, bmp, gif; recursive), one row per page: id, path, page, text,
                  confidence, lines (boxes), model_version, ms, error (a file that does not read is a row with an error)
              train-gmm-hmm --lines DIR --out MODEL [--chain default] [--set key=value ...] [--partitions N]
                  GMM-HMM training with the Baum-Welch E-step reduced on the cluster (keys as `ductus train --system gmm-hmm`)
              train-hybrid --system mlp-hmm|rnn-hmm --lines DIR [--validation DIR] --out MODEL --set gmm.model=FILE [--set ...]
                  MLP-HMM / RNN-HMM training, synchronous data-parallel SGD (batch gradients summed on the cluster)
              bench --pipeline NAME --input DIR [--masters local[1],local[2]]
                  lines/s and per-job overhead of recognize on each master
            common: --master M (default: spark-submit's, else local[*]), --config DIR (default ./config),
                    --models DIR (default $DUCTUS_CACHE/models or ~/.cache/ductus/models: where the runtime installs its models)
            """;

    /** The stage classes log model loads at INFO through java.util.logging; a job prints its own summary. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("dev.ductus");

    private Main() {
    }

    public static void main(String[] args) {
        QUIET.setLevel(java.util.logging.Level.WARNING);
        int status;
        try {
            status = run(args);
        } catch (InputException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            status = 2;
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("error: " + e);
            status = 1;
        }
        System.exit(status);
    }

    static int run(String[] args) throws java.io.IOException {
        if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String verb = args[0];
        Options o = Options.parse(args, 1);
        return switch (verb) {
            case "recognize", "recognise" -> recognize(o);
            case "train-gmm-hmm" -> trainGmmHmm(o);
            case "train-hybrid" -> trainHybrid(o);
            case "bench" -> Benchmark.run(o);
            default -> throw new IllegalArgumentException("unknown verb '" + verb + "' (recognize, train-gmm-hmm, bench)");
        };
    }

    /** Parsed {@code --key value} options; {@code --set k=v} may repeat. */
    record Options(Map<String, String> values, Map<String, String> sets) {
        static final Set<String> KEYS = Set.of("master", "config", "models", "pipeline", "input", "output", "out", "partitions",
                "lines", "chain", "masters", "system", "validation", "input-format");

        static Options parse(String[] args, int from) {
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> sets = new LinkedHashMap<>();
            for (int i = from; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + a + "'\n" + USAGE);
                String key = a.substring(2);
                if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
                String value = args[++i];
                if (key.equals("set")) {
                    int eq = value.indexOf('=');
                    if (eq <= 0) throw new IllegalArgumentException("--set needs key=value, not '" + value + "'");
                    sets.put(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
                } else if (KEYS.contains(key)) {
                    values.put(key, value);
                } else {
                    throw new IllegalArgumentException("unknown option " + a + " (known: --" + String.join(", --", new java.util.TreeSet<>(KEYS)) + ", --set)");
                }
            }
            return new Options(values, sets);
        }

        String get(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        String require(String key) {
            String v = values.get(key);
            if (v == null) throw new IllegalArgumentException("--" + key + " is required\n" + USAGE);
            return v;
        }

        int partitions(int fallback) {
            String v = values.get("partitions");
            if (v == null) return fallback;
            try {
                int n = Integer.parseInt(v);
                if (n < 1) throw new NumberFormatException();
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--partitions must be a positive whole number, not '" + v + "'");
            }
        }

        Path config() {
            return Path.of(get("config", "config"));
        }

        /** The variables configuration files use: {@code ductus.models} (and {@code ductus.cache}, {@code ductus.home}). */
        Map<String, String> variables() {
            String env = System.getenv("DUCTUS_CACHE");
            String cache = System.getProperty("ductus.cache", env != null ? env : Path.of(System.getProperty("user.home"), ".cache", "ductus").toString());
            Map<String, String> v = new LinkedHashMap<>();
            v.put("ductus.cache", cache);
            v.put("ductus.models", get("models", System.getProperty("ductus.models", Path.of(cache, "models").toString())));
            Path parent = config().toAbsolutePath().getParent();
            v.put("ductus.home", parent == null ? "." : parent.toString());
            return v;
        }
    }

    /** A session on the given master, or spark-submit's, or local[*]. */
    static SparkSession session(String app, String master) {
        SparkSession.Builder b = SparkSession.builder().appName(app);
        String m = master != null ? master : System.getProperty("spark.master");
        if (m == null) m = "local[*]";
        b.master(m);
        if (m.startsWith("local")) {
            b.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return b.getOrCreate();
    }

    static int recognize(Options o) {
        String pipeline = o.require("pipeline");
        String input = o.require("input");
        String out = o.require("out");
        String format = o.get("output", "parquet").toLowerCase(Locale.ROOT);
        if (!Set.of("parquet", "text", "page-xml").contains(format)) {
            throw new IllegalArgumentException("--output must be parquet, text or page-xml, not '" + format + "'");
        }
        JobPipeline job = JobPipeline.prepare(pipeline, o.config(), o.variables());
        SparkSession spark = session("ductus recognize " + pipeline, o.values().get("master"));
        try {
            long t0 = System.nanoTime();
            Broadcast<JobPipeline> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(job);
            Dataset<Row> files = Recognize.input(spark, input, o.get("input-format", "images"));
            if (o.values().containsKey("partitions")) files = files.repartition(o.partitions(1));
            Dataset<Row> results = Recognize.recognize(spark, b, files).cache();
            Recognize.write(results, format, out);
            long pages = results.count();
            long errors = results.filter("error IS NOT NULL").count();
            System.err.println("recognize " + pipeline + " (" + job.modelVersion() + "): "
                    + Recognize.summary(pages, errors, (System.nanoTime() - t0) / 1e9) + " -> " + out);
            return 0;
        } finally {
            spark.stop();
        }
    }

    static int trainGmmHmm(Options o) throws java.io.IOException {
        Path lines = Path.of(o.require("lines"));
        Path out = Path.of(o.require("out"));
        var configs = ConfigFiles.load(java.nio.file.Files.isDirectory(o.config()) ? o.config() : null, o.variables());
        List<TrainGmmHmm.LineRef> refs = TrainGmmHmm.lineFolder(lines);
        SparkSession spark = session("ductus train-gmm-hmm", o.values().get("master"));
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int partitions = o.partitions(Math.max(2, sc.defaultParallelism()));
            String chain = o.sets().getOrDefault("chain", o.get("chain", "default"));
            GmmHmmModel m = TrainGmmHmm.train(sc, refs, configs, chain, new LinkedHashMap<>(o.sets()),
                    partitions, out, listener());
            System.err.println("trained " + out + ": " + m.facts());
            return 0;
        } finally {
            spark.stop();
        }
    }

    static int trainHybrid(Options o) throws java.io.IOException {
        String system = o.require("system");
        if (!Set.of("mlp-hmm", "rnn-hmm").contains(system)) throw new IllegalArgumentException("--system must be mlp-hmm or rnn-hmm");
        Path lines = Path.of(o.require("lines"));
        Path validation = o.values().containsKey("validation") ? Path.of(o.values().get("validation")) : null;
        Path out = Path.of(o.require("out"));
        var configs = ConfigFiles.load(java.nio.file.Files.isDirectory(o.config()) ? o.config() : null, o.variables());
        SparkSession spark = session("ductus train-hybrid", o.values().get("master"));
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Map<String, String> options = new LinkedHashMap<>(o.sets());
            if (o.values().containsKey("chain")) options.putIfAbsent("chain", o.values().get("chain"));
            var result = dev.ductus.spark.train.TrainHybrid.train(sc, system, lines, validation, configs, options,
                    o.partitions(Math.max(2, sc.defaultParallelism())), out, listener());
            System.err.println("trained " + result.model() + ": " + result.metrics());
            return 0;
        } finally {
            spark.stop();
        }
    }

    static TrainingListener listener() {
        return new TrainingListener() {
            @Override
            public void progress(TrainingProgress p) {
                List<String> m = new ArrayList<>();
                p.metrics().forEach((k, v) -> m.add(k + " " + String.format(Locale.ROOT, "%.4f", v)));
                System.err.printf(Locale.ROOT, "[%s] %d/%d %s elapsed %.0f s%n", p.phase(), p.step(), p.totalSteps(), String.join("  ", m), p.elapsedSeconds());
            }

            @Override
            public void message(String text) {
                System.err.println(text);
            }
        };
    }
}
