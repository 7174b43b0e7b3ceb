package dev.ductus.spark;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.data.HypothesisPage;
import dev.ductus.image.io.ImageFileReader;
import dev.ductus.spark.assembly.PlainAssembly;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Batch recognition: image files (a folder read as Spark's {@code binaryFile} source, or any table with
 * {@code path} and {@code content} columns) in, one row per image page out, by the runtime's stage classes
 * assembled from the same configuration files (see {@link JobPipeline}). A file that does not read, or an image a
 * stage refuses, gives a row with {@code error} set and no text; the job goes on.
 */
public final class Recognize {
    /** The file types read from a folder (others are left out, as `ductus recognize` does). */
    static final String IMAGE_GLOB = "*.{png,PNG,jpg,JPG,jpeg,JPEG,tif,TIF,tiff,TIFF,bmp,BMP,gif,GIF}";

    public static final StructType BOX = DataTypes.createStructType(new StructField[]{
        DataTypes.createStructField("x", DataTypes.IntegerType, false),
        DataTypes.createStructField("y", DataTypes.IntegerType, false),
        DataTypes.createStructField("width", DataTypes.IntegerType, false),
        DataTypes.createStructField("height", DataTypes.IntegerType, false)});

    /** The result table: one row per page. */
    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[]{
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("path", DataTypes.StringType, false),
        DataTypes.createStructField("page", DataTypes.IntegerType, false),
        DataTypes.createStructField("text", DataTypes.StringType, true),
        DataTypes.createStructField("confidence", DataTypes.DoubleType, true),
        DataTypes.createStructField("lines", DataTypes.createArrayType(BOX, false), true),
        DataTypes.createStructField("model_version", DataTypes.StringType, true),
        DataTypes.createStructField("ms", DataTypes.DoubleType, false),
        DataTypes.createStructField("error", DataTypes.StringType, true),
        DataTypes.createStructField("width", DataTypes.IntegerType, true),
        DataTypes.createStructField("height", DataTypes.IntegerType, true)});

    private Recognize() {
    }

    /** The image files under {@code input} (recursively), as a {@code path, content} table. */
    public static Dataset<Row> imageFiles(SparkSession spark, String input) {
        return spark.read().format("binaryFile").option("pathGlobFilter", IMAGE_GLOB).option("recursiveFileLookup", "true")
                .load(input).select("path", "content");
    }

    /**
     * The input table: {@code images} reads the image files under a folder, {@code parquet} a table that has the
     * {@code path} (string) and {@code content} (binary) columns, e.g. one saved from Spark's {@code binaryFile} source.
     */
    public static Dataset<Row> input(SparkSession spark, String input, String format) {
        switch (format) {
            case "images" -> {
                return imageFiles(spark, input);
            }
            case "parquet" -> {
                Dataset<Row> t = spark.read().parquet(input);
                java.util.Set<String> columns = java.util.Set.of(t.columns());
                if (!columns.contains("path") || !columns.contains("content")) {
                    throw new InputException(input, "a parquet input needs the columns path and content, it has " + columns);
                }
                return t.select("path", "content");
            }
            default -> throw new InputException("--input-format", "must be images or parquet, not '" + format + "'");
        }
    }

    /** Recognises every row of {@code files} ({@code path}, {@code content}) with the broadcast pipeline. */
    public static Dataset<Row> recognize(SparkSession spark, Broadcast<JobPipeline> job, Dataset<Row> files) {
        JavaRDD<Row> rows = files.select("path", "content").javaRDD().mapPartitions(part -> recognizePartition(job, part));
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Iterator<Row> recognizePartition(Broadcast<JobPipeline> job, Iterator<Row> files) throws IOException {
        PlainAssembly.Assembled pipeline = job.value().local();
        String version = job.value().modelVersion();
        Path scratch = Files.createTempDirectory("ductus-spark-input");
        List<Row> out = new ArrayList<>();
        try {
            while (files.hasNext()) {
                Row f = files.next();
                out.addAll(recognizeFile(pipeline, version, f.getString(0), (byte[]) f.get(1), scratch));
            }
        } finally {
            deleteTree(scratch);
        }
        return out.iterator();
    }

    /** The rows of one file: one per page, or one error row when the file does not read. */
    static List<Row> recognizeFile(PlainAssembly.Assembled pipeline, String version, String path, byte[] content, Path scratch) {
        String fileName = fileName(path);
        String id = id(fileName);
        List<Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        List<GrayImage> pages;
        Path local = scratch.resolve(fileName.isEmpty() ? "image" : fileName);
        try {
            Files.write(local, content);
            pages = new ImageFileReader().read(local);
            int n = pages.size();
            for (int page = 0; page < n; page++) {
                long p0 = System.nanoTime();
                String pageId = n == 1 ? id : id + "_" + (page + 1);
                try {
                    GrayImage image = pages.get(page);
                    Hypothesis h = pipeline.recognize(image);
                    rows.add(RowFactory.create(pageId, path, page + 1, h.text(), h.confidence(), boxes(h.lines()), version,
                            (System.nanoTime() - p0) / 1e6, null, image.width(), image.height()));
                } catch (InputException e) {
                    rows.add(error(pageId, path, page + 1, message(e, local, path), p0));
                } catch (RuntimeException e) {
                    rows.add(error(pageId, path, page + 1, message(e, local, path), p0));
                }
            }
        } catch (InputException e) {
            rows.add(error(id, path, 1, message(e, local, path), t0));
        } catch (IOException | RuntimeException e) {
            rows.add(error(id, path, 1, message(e, local, path), t0));
        } finally {
            try {
                Files.deleteIfExists(local);
            } catch (IOException ignored) {
                // the scratch folder is removed with the partition
            }
        }
        return rows;
    }

    private static Row error(String id, String path, int page, String message, long t0) {
        return RowFactory.create(id, path, page, null, null, null, null, (System.nanoTime() - t0) / 1e6, message, null, null);
    }

    /** The exception's message with the scratch copy's name replaced by the input's path. */
    private static String message(Exception e, Path local, String path) {
        String m = e instanceof InputException ? e.getMessage() : e.toString();
        if (m == null) m = e.getClass().getSimpleName();
        return m.replace(local.toString(), path);
    }

    /** The line boxes as an array column's value (a Scala sequence of rows). */
    private static scala.collection.immutable.Seq<Row> boxes(List<Box> lines) {
        List<Row> out = new ArrayList<>(lines.size());
        for (Box b : lines) out.add(RowFactory.create(b.x(), b.y(), b.width(), b.height()));
        return scala.jdk.javaapi.CollectionConverters.asScala(out).toList();
    }

    static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1);
    }

    /** The tesstrain id of a file: its name without the extension (as `ductus recognize --out` names files). */
    static String id(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /**
     * Writes the results: {@code parquet} (the table), {@code text} (one {@code ID.txt} per page holding its text, as
     * `ductus recognize --out` writes them; unreadable files listed in {@code errors-*.tsv}) or {@code page-xml} (one PAGE 2019
     * {@code ID.xml} per page). Text and PAGE files are written by the executors through Hadoop's file system, so
     * {@code out} may be any URI the cluster can write (a shared folder, HDFS, S3).
     */
    public static void write(Dataset<Row> results, String format, String out) {
        switch (format) {
            case "parquet" -> results.write().mode("overwrite").parquet(out);
            case "text", "page-xml" -> {
                boolean page = format.equals("page-xml");
                results.javaRDD().foreachPartition(rows -> writeFiles(rows, out, page));
            }
            default -> throw new InputException("--output", "must be parquet, text or page-xml, not '" + format + "'");
        }
    }

    private static void writeFiles(Iterator<Row> rows, String out, boolean page) throws IOException {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(out);
        FileSystem fs = dir.getFileSystem(new Configuration());
        fs.setWriteChecksum(false);
        fs.mkdirs(dir);
        StringBuilder errors = new StringBuilder();
        while (rows.hasNext()) {
            Row r = rows.next();
            String id = r.getString(0);
            if (!r.isNullAt(8)) {
                errors.append(r.getString(1)).append('\t').append(r.getString(8).replace('\n', ' ').replace('\t', ' ')).append('\n');
                continue;
            }
            String text = r.getString(3);
            String body;
            String name;
            if (page) {
                List<Row> boxes = r.getList(5);
                List<Box> lines = new ArrayList<>();
                for (Row b : boxes) lines.add(new Box(b.getInt(0), b.getInt(1), b.getInt(2), b.getInt(3)));
                Hypothesis h = new Hypothesis(text, 0, List.of(), new dev.ductus.api.Notes(), lines);
                body = HypothesisPage.xml(fileName(r.getString(1)), r.getInt(9), r.getInt(10), h) + "\n";
                name = id + ".xml";
            } else {
                body = text + "\n";
                name = id + ".txt";
            }
            try (OutputStream o = fs.create(new org.apache.hadoop.fs.Path(dir, name), true)) {
                o.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (errors.length() > 0) {
            String part = "errors-" + java.util.UUID.randomUUID() + ".tsv";
            try (OutputStream o = fs.create(new org.apache.hadoop.fs.Path(dir, part), true)) {
                o.write(errors.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** e.g. "200 pages, 1 error, 35.2 pages/s". */
    static String summary(long pages, long errors, double seconds) {
        return String.format(Locale.ROOT, "%d pages, %d error%s, %.1f pages/s", pages, errors, errors == 1 ? "" : "s",
                pages / Math.max(1e-9, seconds));
    }
}
