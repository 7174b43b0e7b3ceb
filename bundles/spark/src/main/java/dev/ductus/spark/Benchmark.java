package dev.ductus.spark;

import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench}: recognition throughput on each master (e.g. local[1] against local[2], for the scaling), after a
 * warm-up job (which builds the pipeline on the executors), and the fixed cost of one job (a job over one image).
 * Real work: the same images, the same pipeline and code as {@code recognize}.
 */
final class Benchmark {
    private Benchmark() {
    }

    static int run(Main.Options o) {
        String pipeline = o.require("pipeline");
        String input = o.require("input");
        String[] masters = o.get("masters", "local[1],local[2]").split(",");
        JobPipeline job = JobPipeline.prepare(pipeline, o.config(), o.variables());
        System.out.printf(Locale.ROOT, "pipeline %s (%s), model files %.1f MB%n", pipeline, job.modelVersion(), job.bytes() / 1e6);
        System.out.println("master\tsession s\tfirst job s\tlines\tlines/s\tjob overhead s\terrors");
        double base = Double.NaN;
        for (String master : masters) {
            long t0 = System.nanoTime();
            SparkSession spark = Main.session("ductus bench", master.trim());
            double sessionSeconds = (System.nanoTime() - t0) / 1e9;
            try {
                Broadcast<JobPipeline> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(job);
                int cores = spark.sparkContext().defaultParallelism();
                Dataset<Row> files = Recognize.imageFiles(spark, input).repartition(Math.max(1, cores * 4)).cache();
                long n = files.count();
                long t1 = System.nanoTime();
                Recognize.recognize(spark, b, files).count();
                double first = (System.nanoTime() - t1) / 1e9;
                long t2 = System.nanoTime();
                long errors = Recognize.recognize(spark, b, files).filter("error IS NOT NULL").count();
                double steady = (System.nanoTime() - t2) / 1e9;
                Dataset<Row> one = files.limit(1).cache();
                one.count();
                long t3 = System.nanoTime();
                Recognize.recognize(spark, b, one).count();
                double oneJob = (System.nanoTime() - t3) / 1e9;
                double rate = n / steady;
                if (Double.isNaN(base)) base = rate;
                System.out.printf(Locale.ROOT, "%s\t%.1f\t%.1f\t%d\t%.1f (x%.2f)\t%.2f\t%d%n", master.trim(), sessionSeconds, first, n, rate,
                        rate / base, Math.max(0, oneJob - 1 / rate), errors);
            } finally {
                spark.stop();
            }
        }
        return 0;
    }
}
