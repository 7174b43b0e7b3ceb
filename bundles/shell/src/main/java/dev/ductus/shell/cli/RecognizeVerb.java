package dev.ductus.shell.cli;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.InputException;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.data.HypothesisLayout;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.shell.cli.ShellContext.PipelineView;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code recognize --pipeline NAME [--format text|tsv|json|page|alto] [--out DIR] FILE|DIR...}: one result per
 * image (per page of a multi-page TIFF). A file that cannot be read is reported with its name and the run goes
 * on; the exit status is 1 if any image failed.
 */
public final class RecognizeVerb implements Verb {
    private final ShellContext context;
    private final PageWriter pageWriter;

    /** Writes a hypothesis as PAGE XML (provided by the data bundle when it is installed). */
    public interface PageWriter {
        String pageXml(String imageFileName, GrayImage image, Hypothesis hypothesis);
    }

    public RecognizeVerb(ShellContext context, PageWriter pageWriter) {
        this.context = context;
        this.pageWriter = pageWriter;
    }

    @Override
    public String name() {
        return "recognize";
    }

    @Override
    public String summary() {
        return "recognise line or page images with a pipeline";
    }

    /** Seconds one image may take before it is abandoned (recognize, compare). */
    static final double DEFAULT_TIME_LIMIT = 300;

    @Override
    public String usage() {
        return """
                usage: ductus recognize --pipeline NAME [--format text|tsv|json|page|alto] [--out DIR] [--wait SECONDS]
                                        [--threads N] [--time-limit SECONDS] FILE|DIR...
                  prints FILE<TAB>TEXT per image (paragraph lines joined by \\n); with --out DIR writes ID.txt per image
                  (ID.json / ID.xml / ID.alto.xml for the json / page / alto formats) instead, the tesstrain hypothesis convention.
                  Files are recognised on N threads (default: the cores), printed in their order. An image that takes
                  longer than --time-limit (default 300 s, 0 = none) fails with one line and the others go on.
                  A PAGE XML file (FILE.xml, e.g. exported by eScriptorium or Transkribus) is read with its own line
                  segmentation (TextLine Coords) and written back with each line's TextEquiv filled and every other byte
                  unchanged: to standard output, or to DIR/FILE.xml with --out DIR.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(args, Set.of()).allow(Set.of("pipeline", "format", "out", "wait", "threads", "time-limit"));
        String name = a.require("pipeline");
        String format = a.get("format", "text").toLowerCase(Locale.ROOT);
        if (!Set.of("text", "tsv", "json", "page", "alto").contains(format)) {
            throw new Arguments.UsageException("--format must be text, tsv, json, page or alto, got " + format);
        }
        if ("page".equals(format) && pageWriter == null) {
            err.println("recognize: --format page needs the data bundle (PAGE XML writer), which is not installed");
            return 1;
        }
        if (a.positional().isEmpty()) throw new Arguments.UsageException("no image files given");
        Path outDir = a.get("out", null) == null ? null : Path.of(a.get("out", null));
        List<Path> files = ImageFiles.expand(a.positional());
        boolean pageInput = files.stream().anyMatch(RecognizeVerb::isPageXml);
        if (pageInput && !Set.of("text", "page").contains(format)) {
            throw new Arguments.UsageException("PAGE XML input is written back as PAGE XML: --format page (or none), not " + format);
        }
        if (pageInput && outDir == null && files.size() > 1) {
            throw new Arguments.UsageException("PAGE XML input writes one document per file: give --out DIR for " + files.size() + " files");
        }
        if (("page".equals(format) || "alto".equals(format)) && outDir == null && files.size() > 1) {
            throw new Arguments.UsageException("--format " + format + " writes one " + format.toUpperCase(Locale.ROOT) + " document per image: give --out DIR for "
                    + files.size() + " images (standard output holds one document)");
        }
        Optional<PipelineView> found = context.awaitPipeline(name, (long) (a.doubleValue("wait", 30) * 1000));
        if (found.isEmpty()) {
            err.println("recognize: pipeline '" + name + "' is not ready: " + PipelinesVerb.whyNot(context, name));
            return 1;
        }
        ImageLoader loader = context.imageLoader().orElse(null);
        if (loader == null) {
            err.println("recognize: no image loader is installed (bundle dev.ductus.image)");
            return 1;
        }
        PipelineView pipeline = found.get().withRecognizer(TimeLimitedRecognizer.wrap(found.get().recognizer(),
                a.doubleValue("time-limit", DEFAULT_TIME_LIMIT), "--time-limit"));
        if (outDir != null) Files.createDirectories(outDir);
        int threads = a.intValue("threads", Math.max(1, Runtime.getRuntime().availableProcessors()));
        if (threads < 1) throw new Arguments.UsageException("--threads must be at least 1");
        int images = 0;
        int failures = 0;
        long start = System.nanoTime();
        // files are recognised on `threads` workers, at most 2 x threads in flight (bounded memory), and their
        // results printed in the order of the files
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ductus-recognize");
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.ArrayDeque<java.util.concurrent.Future<FileResult>> window = new java.util.ArrayDeque<>();
            java.util.Iterator<Path> next = files.iterator();
            while (next.hasNext() || !window.isEmpty()) {
                while (next.hasNext() && window.size() < 2 * threads) {
                    Path file = next.next();
                    window.add(pool.submit(() -> recognizeFile(file, loader, pipeline, format, outDir)));
                }
                FileResult r;
                try {
                    r = window.poll().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
                }
                r.out().forEach(out::println);
                r.err().forEach(err::println);
                images += r.images();
                failures += r.failures();
            }
        } finally {
            pool.shutdownNow();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        err.printf(Locale.ROOT, "recognize: %d images, %d failed, %.2f images/s with pipeline %s (%s)%n", images,
                failures, images / Math.max(secs, 1e-9), name, pipeline.recognizer().describe());
        return failures == 0 ? 0 : 1;
    }

    /** What one input file gave: lines for standard output and for errors, images read and failed. */
    private record FileResult(List<String> out, List<String> err, int images, int failures) {
    }

    static boolean isPageXml(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml");
    }

    /**
     * A PAGE XML file: its lines (Coords) cut from its page image, recognised, and the document written back with
     * each line's TextEquiv filled ({@link dev.ductus.data.PageTextFiller}); a line that fails is left as it was.
     */
    private FileResult recognizePage(Path file, ImageLoader loader, PipelineView pipeline, Path outDir) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        dev.ductus.data.PageDocument doc;
        GrayImage page;
        String original;
        try {
            doc = dev.ductus.data.PageXmlReader.parseSegmentation(file, warnings);
            Path image = dev.ductus.data.PageXmlReader.imageOf(doc);
            if (image == null) throw new InputException(file.toString(), "page image '" + doc.imageFilename() + "' not found next to the XML");
            original = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            page = loader.read(image).get(0);
        } catch (java.nio.charset.MalformedInputException e) {
            return new FileResult(out, List.of(file + "\tERROR: " + file + ": only UTF-8 PAGE files are written back"), 0, 1);
        } catch (InputException e) {
            return new FileResult(out, List.of(file + "\tERROR: " + e.getMessage()), 0, 1);
        }
        for (String w : warnings) err.add(file + "\twarning: " + w);
        Map<String, dev.ductus.data.PageTextFiller.Reading> readings = new LinkedHashMap<>();
        int failures = 0;
        for (dev.ductus.data.PageLine line : doc.lines()) {
            String source = file + "#" + line.id();
            try {
                Hypothesis h = pipeline.recognizer().recognize(dev.ductus.data.PageXmlReader.lineImage(page, line, source));
                readings.put(line.id(), new dev.ductus.data.PageTextFiller.Reading(h.text(), h.confidence()));
            } catch (InputException e) {
                err.add(source + "\tERROR: " + e.getMessage());
                failures++;
            } catch (RuntimeException e) {
                err.add(source + "\tERROR: " + e);
                failures++;
            }
        }
        String filled;
        try {
            filled = dev.ductus.data.PageTextFiller.fill(original, readings, file.toString());
        } catch (InputException e) {
            return new FileResult(out, List.of(file + "\tERROR: " + e.getMessage()), doc.lines().size(), failures + 1);
        }
        if (outDir != null) {
            Path target = outDir.resolve(file.getFileName().toString());
            if (Files.exists(target) && Files.isSameFile(target, file)) {
                return new FileResult(out, List.of(file + "\tERROR: --out " + outDir + " would overwrite the input; give another folder"),
                        doc.lines().size(), failures + 1);
            }
            AtomicFiles.writeString(target, filled);
        } else {
            out.add(filled.endsWith("\n") ? filled.substring(0, filled.length() - 1) : filled);
        }
        return new FileResult(out, err, doc.lines().size(), failures);
    }

    private FileResult recognizeFile(Path file, ImageLoader loader, PipelineView pipeline, String format, Path outDir)
            throws java.io.IOException {
        if (isPageXml(file)) return recognizePage(file, loader, pipeline, outDir);
        List<String> out = new java.util.ArrayList<>();
        List<String> err = new java.util.ArrayList<>();
        List<GrayImage> pages;
        try {
            pages = loader.read(file);
        } catch (InputException e) {
            return new FileResult(out, List.of(file + "\tERROR: " + e.getMessage()), 0, 1);
        }
        if (("page".equals(format) || "alto".equals(format)) && outDir == null && pages.size() > 1) {
            return new FileResult(out, List.of(file + "\tERROR: " + pages.size() + " pages make " + pages.size()
                    + " " + format.toUpperCase(Locale.ROOT) + " documents: give --out DIR (standard output holds one document)"), 0, 1);
        }
        int images = 0;
        int failures = 0;
        for (int page = 0; page < pages.size(); page++) {
            String label = pages.size() == 1 ? file.toString() : file + "#" + (page + 1);
            String id = ImageFiles.id(file) + (pages.size() == 1 ? "" : "_" + (page + 1));
            images++;
            Hypothesis h;
            GrayImage image;
            try {
                image = pages.get(page);
                h = pipeline.recognizer().recognize(image);
            } catch (InputException e) {
                err.add(label + "\tERROR: " + e.getMessage());
                failures++;
                continue;
            } catch (RuntimeException e) {
                err.add(label + "\tERROR: " + e);
                failures++;
                continue;
            }
            String rendered = switch (format) {
                case "tsv" -> tsv(label, h);
                case "json" -> json(label, h);
                case "page" -> pageWriter.pageXml(file.getFileName().toString(), image, h);
                case "alto" -> dev.ductus.data.HypothesisAlto.xml(file.getFileName().toString(), image.width(), image.height(), h);
                default -> outDir != null ? h.text() : label + "\t" + h.text().replace("\n", "\\n");
            };
            if (outDir != null) {
                String ext = switch (format) {
                    case "json" -> ".json";
                    case "page" -> ".xml";
                    case "alto" -> ".alto.xml";
                    case "tsv" -> ".tsv";
                    default -> ".txt";
                };
                AtomicFiles.writeString(outDir.resolve(id + ext), rendered + "\n");
            } else {
                out.add(rendered);
            }
        }
        return new FileResult(out, err, images, failures);
    }

    static String tsv(String label, Hypothesis h) {
        return String.join("\t", label, h.text().replace("\n", "\\n").replace("\t", " "),
                String.format(Locale.ROOT, "%.4f", h.confidence()), String.format(Locale.ROOT, "%.3f", h.logScore()),
                h.notes().toString().replace("\t", " "));
    }

    /**
     * One JSON object per image: text, score, confidence, the characters (symbol, columns x0/x1 of the preprocessed
     * line, line, confidence) and the words (text, line, confidence), each with {@code box} [x0, y0, x1, y1] and
     * {@code polygon} (its column span over the line's height, four corners) in pixels of the input image where the
     * line's placement is known, and the stages' notes.
     */
    static String json(String label, Hypothesis h) {
        StringBuilder sb = new StringBuilder("{\"file\":").append(Json.string(label))
                .append(",\"text\":").append(Json.string(h.text()))
                .append(",\"score\":").append(Json.number(h.logScore()))
                .append(",\"confidence\":").append(Json.number(h.confidence()))
                .append(",\"characters\":[");
        for (int i = 0; i < h.characters().size(); i++) {
            CharSpan c = h.characters().get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"c\":").append(Json.string(c.symbol())).append(",\"x0\":").append(c.x0())
                    .append(",\"x1\":").append(c.x1()).append(",\"line\":").append(c.line())
                    .append(",\"confidence\":").append(Json.number(c.confidence()));
            HypothesisLayout.Glyph g = HypothesisLayout.glyph(h, c);
            Json.position(sb, g.box(), g.polygon());
            sb.append('}');
        }
        sb.append("],\"words\":[");
        boolean first = true;
        for (HypothesisLayout.Line line : HypothesisLayout.lines(h)) {
            for (HypothesisLayout.Word w : line.words()) {
                if (!first) sb.append(',');
                first = false;
                sb.append("{\"text\":").append(Json.string(w.text())).append(",\"line\":").append(line.index())
                        .append(",\"confidence\":").append(Json.number(w.confidence()));
                Json.position(sb, w.box(), w.polygon());
                sb.append('}');
            }
        }
        sb.append("],\"notes\":[");
        var notes = h.notes().all();
        for (int i = 0; i < notes.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"stage\":").append(Json.string(notes.get(i).stage())).append(",\"message\":")
                    .append(Json.string(notes.get(i).message())).append(",\"ms\":")
                    .append(Json.number(notes.get(i).millis())).append('}');
        }
        return sb.append("]}").toString();
    }
}
