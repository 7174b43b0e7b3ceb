package dev.ductus.web.api;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.cli.Command;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.recognize.Recognizer;
import dev.ductus.data.HypothesisAlto;
import dev.ductus.data.HypothesisLayout;
import dev.ductus.data.HypothesisPage;
import dev.ductus.eval.Comparison;
import dev.ductus.eval.ComparisonResult;
import dev.ductus.eval.ComparisonTable;
import dev.ductus.eval.SystemSummary;
import dev.ductus.web.api.WebServices.PipelineInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The recognition service, as plain Java over {@link WebServices}: routes, limits and JSON. The servlet in the web
 * component only moves bytes between HTTP and {@link #handle}; everything a client can observe is decided here.
 *
 * <pre>
 * GET  /api/pipelines                         every pipeline: name, ready, status, stages, model version, degraded
 * POST /api/recognize?pipeline=a,b[&amp;format=page|alto]  an image body -> per pipeline text, confidences, boxes, ms
 * POST /api/explain?pipeline=NAME             an image body -> the explain page (CTC posteriors, feature maps)
 * POST /api/compare?pipeline=a,b              a zip of a line folder -> the comparison table
 * GET  /api/reports, GET /reports/NAME        compare's HTML reports
 * GET  /, /app.js, /style.css                 the page
 * </pre>
 *
 * Errors are {@code {"error": ..., "status": ...}} with 400 (bad image or request), 401 (token), 404 (unknown
 * pipeline or path), 405, 413 (body or image too large), 415 (not an image), 503 (not ready, or every worker busy),
 * 504 (a pipeline took longer than the time limit); never a stack trace.
 */
public final class WebApi implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebApi.class.getName());
    private static final Map<String, String> STATIC = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/style.css", "style.css");
    private static final Map<String, String> IMAGE_TYPES = Map.of(
            "image/png", ".png", "image/jpeg", ".jpg", "image/jpg", ".jpg", "image/tiff", ".tif", "image/tif", ".tif",
            "image/bmp", ".bmp", "image/gif", ".gif", "application/octet-stream", ".img");

    private final WebServices services;
    private final WebLimits limits;
    private final Path scratch;
    private final ThreadPoolExecutor workers;
    private final AtomicInteger requests = new AtomicInteger();

    /** @param scratch a private folder for uploads while they are read (created if missing, emptied on close) */
    public WebApi(WebServices services, WebLimits limits, Path scratch) throws IOException {
        this.services = services;
        this.limits = limits;
        this.scratch = Files.createDirectories(scratch);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, limits.queue())), r -> {
                    Thread t = new Thread(r, "ductus-web-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
    }

    public WebLimits limits() {
        return limits;
    }

    /** Answers one request; never throws. */
    public WebResponse handle(WebRequest r) {
        try {
            String path = r.path().isEmpty() ? "/" : r.path();
            if ((path.startsWith("/api/") || path.startsWith("/reports/")) && !authorised(r)) {
                return WebResponse.error(401, "this service asks for a token: send 'Authorization: Bearer TOKEN' or ?token=TOKEN");
            }
            if (STATIC.containsKey(path)) return get(r, () -> page(STATIC.get(path)));
            return switch (path) {
                case "/api/pipelines" -> get(r, this::pipelines);
                case "/api/recognize" -> post(r, () -> recognize(r));
                case "/api/explain" -> post(r, () -> explain(r));
                case "/api/compare" -> post(r, () -> compare(r));
                case "/api/reports" -> get(r, this::reports);
                default -> path.startsWith("/reports/") ? get(r, () -> report(path.substring("/reports/".length())))
                        : WebResponse.error(404, "no such resource: " + path + " (the API is under /api/: pipelines, recognize, explain, compare, reports)");
            };
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            LOG.log(System.Logger.Level.WARNING, "web: " + r.method() + " " + r.path() + " failed", e);
            return WebResponse.error(500, "internal error: " + message(e));
        }
    }

    private boolean authorised(WebRequest r) {
        if (limits.token().isEmpty()) return true;
        if (r.token() == null) return false;
        return MessageDigest.isEqual(limits.token().getBytes(StandardCharsets.UTF_8), r.token().getBytes(StandardCharsets.UTF_8));
    }

    private interface Answer {
        WebResponse get() throws Exception;
    }

    private static WebResponse get(WebRequest r, Answer a) throws RuntimeException {
        if (!r.method().equals("GET") && !r.method().equals("HEAD")) return WebResponse.error(405, r.path() + " answers GET, not " + r.method());
        return call(a);
    }

    private static WebResponse post(WebRequest r, Answer a) {
        if (!r.method().equals("POST")) return WebResponse.error(405, r.path() + " answers POST, not " + r.method());
        return call(a);
    }

    private static WebResponse call(Answer a) {
        try {
            return a.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WebResponse.error(503, "the service is stopping");
        } catch (Exception e) {
            return WebResponse.error(500, "internal error: " + message(e));
        }
    }

    // ---- GET /api/pipelines ----

    private WebResponse pipelines() {
        JsonWriter j = new JsonWriter().beginArray();
        for (PipelineInfo p : sorted(services.pipelines())) {
            j.beginObject().field("name", p.name()).field("ready", p.ready()).field("status", p.status())
                    .field("input", p.input()).field("description", p.description()).field("data", p.data())
                    .field("model", p.model()).field("modelVersion", p.modelVersion())
                    .field("stages", p.ready() ? p.recognizer().describe() : null)
                    .field("degraded", p.degraded()).field("why", p.ready() && !p.degraded() ? null : p.status())
                    .endObject();
        }
        return WebResponse.json(200, j.endArray().toString());
    }

    private static List<PipelineInfo> sorted(List<PipelineInfo> list) {
        return list.stream().sorted(Comparator.comparing(PipelineInfo::name)).toList();
    }

    // ---- POST /api/recognize ----

    /** One pipeline's outcome on one image. */
    private record Outcome(PipelineInfo pipeline, Hypothesis hypothesis, int status, String error, double millis) {
    }

    private WebResponse recognize(WebRequest r) throws Exception {
        Selection s = select(r);
        if (s.error() != null) return s.error();
        String format = r.parameter("format", "json").toLowerCase(java.util.Locale.ROOT);
        boolean page = format.equals("page") || format.equals("alto");
        if (!page && !format.equals("json")) {
            return WebResponse.error(400, "format must be json, page or alto, not " + clip(r.parameter("format", ""), 20));
        }
        if (page && s.pipelines().size() != 1) return WebResponse.error(400, "format=" + format + " takes one pipeline, got " + s.pipelines().size());
        Loaded image = load(r);
        if (image.error() != null) return image.error();
        List<Outcome> outcomes = run(s.pipelines(), image.image());
        if (outcomes == null) return WebResponse.error(503, "every worker is busy (" + limits.workers() + " workers, "
                + limits.queue() + " waiting): try again in a moment");
        if (page) {
            Outcome o = outcomes.get(0);
            if (o.hypothesis() == null) return WebResponse.error(o.status(), o.error());
            String xml = format.equals("alto")
                    ? HypothesisAlto.xml("upload" + image.extension(), image.image().width(), image.image().height(), o.hypothesis())
                    : HypothesisPage.xml("upload" + image.extension(), image.image().width(), image.image().height(), o.hypothesis());
            return new WebResponse(200, "application/xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
        }
        JsonWriter j = new JsonWriter().beginObject().field("width", image.image().width()).field("height", image.image().height());
        j.name("results").beginArray();
        int failed = 0;
        for (Outcome o : outcomes) {
            j.beginObject().field("pipeline", o.pipeline().name()).field("ok", o.hypothesis() != null);
            if (o.hypothesis() == null) {
                failed++;
                j.field("status", o.status()).field("error", o.error()).field("ms", round(o.millis(), 1));
            } else {
                writeHypothesis(j, o);
            }
            j.endObject();
        }
        j.endArray();
        int status = 200;
        if (failed == outcomes.size()) {
            // nothing was read: the request fails with the first reason (every pipeline's is in the results)
            status = outcomes.get(0).status();
            j.field("error", outcomes.get(0).error()).field("status", status);
        }
        return WebResponse.json(status, j.endObject().toString());
    }

    private static void writeHypothesis(JsonWriter j, Outcome o) {
        Hypothesis h = o.hypothesis();
        String version = o.pipeline().modelVersion();
        for (Notes.Note n : h.notes().all()) {
            if (n.stage().equals(StageProperties.MODEL_VERSION)) version = n.message();
        }
        j.field("text", h.text()).field("confidence", round(h.confidence(), 4)).field("modelVersion", version)
                .field("ms", round(o.millis(), 1));
        j.name("characters").beginArray();
        for (CharSpan c : h.characters()) {
            j.beginObject().field("c", c.symbol()).field("x0", c.x0()).field("x1", c.x1())
                    .field("confidence", round(c.confidence(), 4)).field("line", c.line());
            HypothesisLayout.Glyph g = HypothesisLayout.glyph(h, c);
            position(j, g.box(), g.polygon());
            j.endObject();
        }
        j.endArray().name("words").beginArray();
        for (HypothesisLayout.Line line : HypothesisLayout.lines(h)) {
            for (HypothesisLayout.Word w : line.words()) {
                j.beginObject().field("text", w.text()).field("line", line.index());
                if (!Double.isNaN(w.confidence())) j.field("confidence", round(w.confidence(), 4));
                position(j, w.box(), w.polygon());
                j.endObject();
            }
        }
        j.endArray().name("lines").beginArray();
        for (Box b : h.lines()) {
            j.beginObject().field("x", b.x()).field("y", b.y()).field("w", b.width()).field("h", b.height()).endObject();
        }
        j.endArray().name("notes").beginArray();
        for (Notes.Note n : h.notes().all()) {
            j.beginObject().field("stage", n.stage()).field("message", n.message()).field("ms", round(n.millis(), 2)).endObject();
        }
        j.endArray();
    }

    /**
     * {@code "box": [x0, y0, x1, y1], "polygon": [[x, y] x 4]} in pixels of the uploaded image (as
     * {@code recognize --format json} writes them), nothing when the position is unknown.
     */
    private static void position(JsonWriter j, Box box, double[][] polygon) {
        if (box == null || polygon == null) return;
        j.name("box").beginArray().value(box.x()).value(box.y()).value(box.right()).value(box.bottom()).endArray();
        j.name("polygon").beginArray();
        for (double[] p : polygon) j.beginArray().value(Math.round(p[0])).value(Math.round(p[1])).endArray();
        j.endArray();
    }

    /** Runs each pipeline on a worker; null when the pool cannot take them all. Waits at most the time limit. */
    private List<Outcome> run(List<PipelineInfo> pipelines, GrayImage image) throws InterruptedException {
        List<Future<Outcome>> futures = new ArrayList<>();
        long[] start = new long[pipelines.size()];
        try {
            for (int i = 0; i < pipelines.size(); i++) {
                PipelineInfo p = pipelines.get(i);
                start[i] = System.nanoTime();
                futures.add(workers.submit(() -> recognizeOne(p, image)));
            }
        } catch (RejectedExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            return null;
        }
        long deadline = System.nanoTime() + limits.timeoutMillis() * 1_000_000L;
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            PipelineInfo p = pipelines.get(i);
            try {
                out.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                futures.get(i).cancel(true);
                out.add(new Outcome(p, null, 504, "pipeline " + p.name() + ": no answer within the time limit of "
                        + limits.timeoutMillis() / 1000.0 + " s (timeout.seconds)", (System.nanoTime() - start[i]) / 1e6));
            } catch (ExecutionException e) {
                out.add(new Outcome(p, null, 500, "pipeline " + p.name() + " failed: " + message(e.getCause()), (System.nanoTime() - start[i]) / 1e6));
            }
        }
        return out;
    }

    private static Outcome recognizeOne(PipelineInfo p, GrayImage image) {
        long t0 = System.nanoTime();
        if (!p.ready()) return new Outcome(p, null, 503, "pipeline " + p.name() + ": not ready: " + p.status(), 0);
        try {
            Hypothesis h = p.recognizer().recognize(image);
            return new Outcome(p, h, 200, null, (System.nanoTime() - t0) / 1e6);
        } catch (InputException e) {
            boolean notReady = e.getMessage() != null && e.getMessage().contains("not ready");
            return new Outcome(p, null, notReady ? 503 : 400, e.getMessage(), (System.nanoTime() - t0) / 1e6);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            LOG.log(System.Logger.Level.WARNING, "web: pipeline " + p.name() + " failed", e);
            return new Outcome(p, null, 500, "pipeline " + p.name() + " failed: " + message(e), (System.nanoTime() - t0) / 1e6);
        }
    }

    /** The pipelines a request names (all ready ones that read text when it names none), or the error. */
    private record Selection(List<PipelineInfo> pipelines, WebResponse error) {
    }

    private Selection select(WebRequest r) {
        List<PipelineInfo> all = sorted(services.pipelines());
        String wanted = r.parameter("pipeline", "");
        if (wanted.isEmpty()) {
            List<PipelineInfo> ready = all.stream().filter(p -> p.ready() && p.recognizes()).toList();
            if (ready.isEmpty()) return new Selection(List.of(), WebResponse.error(503, "no pipeline is ready yet"));
            return new Selection(ready, null);
        }
        Map<String, PipelineInfo> byName = new LinkedHashMap<>();
        all.forEach(p -> byName.put(p.name(), p));
        List<PipelineInfo> chosen = new ArrayList<>();
        for (String name : wanted.split(",")) {
            String n = name.trim();
            if (n.isEmpty()) continue;
            PipelineInfo p = byName.get(n);
            if (p == null) {
                return new Selection(List.of(), WebResponse.error(404, "no such pipeline: " + clip(n, 80) + " (pipelines: "
                        + (byName.isEmpty() ? "none yet" : String.join(", ", byName.keySet())) + ")"));
            }
            if (chosen.stream().noneMatch(c -> c.name().equals(n))) chosen.add(p);
        }
        if (chosen.isEmpty()) return new Selection(List.of(), WebResponse.error(400, "pipeline= names no pipeline"));
        return new Selection(chosen, null);
    }

    /** The uploaded image, or why it cannot be read. */
    private record Loaded(GrayImage image, String extension, WebResponse error) {
    }

    private Loaded load(WebRequest r) throws IOException {
        String extension = IMAGE_TYPES.get(r.contentType());
        if (extension == null) {
            return new Loaded(null, null, WebResponse.error(415, "send an image: Content-Type image/png, image/jpeg or image/tiff"
                    + " (or a multipart upload), not '" + clip(r.contentType(), 60) + "'"));
        }
        if (r.body().length == 0) return new Loaded(null, null, WebResponse.error(400, "the request has no image: its body is empty"));
        if (r.body().length > limits.maxBodyBytes()) return new Loaded(null, null, tooLarge(r.body().length));
        Optional<ImageLoader> loader = services.imageLoader();
        if (loader.isEmpty()) return new Loaded(null, null, WebResponse.error(503, "no image loader is registered yet"));
        Path file = Files.createTempFile(scratch, "upload-" + requests.incrementAndGet() + "-", extension);
        try {
            Files.write(file, r.body());
            List<GrayImage> pages = loader.get().read(file);
            return new Loaded(pages.get(0), extension, null);
        } catch (InputException e) {
            // the message names our temporary file: the client knows it as its upload
            String m = e.getMessage().replace(file.toString(), "upload").replace(file.getFileName().toString(), "upload");
            return new Loaded(null, null, WebResponse.error(m.contains("above the limit") ? 413 : 400, m));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private WebResponse tooLarge(long bytes) {
        return WebResponse.error(413, "the body is " + bytes + " bytes, above the limit of " + limits.maxBodyBytes() + " (max.body.bytes)");
    }

    // ---- POST /api/explain ----

    private WebResponse explain(WebRequest r) throws Exception {
        String name = r.parameter("pipeline", "");
        if (name.isEmpty() || name.contains(",")) return WebResponse.error(400, "explain takes one pipeline: ?pipeline=NAME");
        Selection s = select(r);
        if (s.error() != null) return s.error();
        Optional<Command> explain = services.command("explain");
        if (explain.isEmpty()) return WebResponse.error(404, "no explain views here: the CTC bundle, which draws them, is not running");
        String extension = IMAGE_TYPES.get(r.contentType());
        if (extension == null) return WebResponse.error(415, "send an image: Content-Type image/png, image/jpeg or image/tiff");
        if (r.body().length == 0) return WebResponse.error(400, "the request has no image: its body is empty");
        Path dir = Files.createTempDirectory(scratch, "explain-");
        try {
            Path image = dir.resolve("upload" + extension);
            Path html = dir.resolve("explain.html");
            Files.write(image, r.body());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Callable<Integer> job = () -> {
                try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                     PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                    return explain.get().run(List.of("--pipeline", name, image.toString(), "-o", html.toString()), o, e);
                }
            };
            Future<Integer> f;
            try {
                f = workers.submit(job);
            } catch (RejectedExecutionException e) {
                return WebResponse.error(503, "every worker is busy: try again in a moment");
            }
            int status;
            try {
                status = f.get(limits.timeoutMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                return WebResponse.error(504, "explain took longer than " + limits.timeoutMillis() / 1000.0 + " s");
            } catch (ExecutionException e) {
                return WebResponse.error(400, "explain failed: " + message(e.getCause()));
            }
            if (status != 0 || !Files.isRegularFile(html)) {
                String why = err.toString(StandardCharsets.UTF_8).strip().replace(dir.toString() + "/", "");
                String first = why.lines().findFirst().orElse("explain exited with status " + status);
                return WebResponse.error(400, first.replace("explain: ", "explain " + name + ": "));
            }
            // the page names the uploaded file by its scratch path: the client knows it as its upload
            String page = Files.readString(html, StandardCharsets.UTF_8).replace(image.toString(), "upload" + extension);
            return new WebResponse(200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
        } finally {
            deleteTree(dir);
        }
    }

    // ---- POST /api/compare ----

    private WebResponse compare(WebRequest r) throws Exception {
        if (!r.contentType().equals("application/zip") && !r.contentType().equals("application/x-zip-compressed")
                && !r.contentType().equals("application/octet-stream")) {
            return WebResponse.error(415, "send a zip of a line folder (ID.png + ID.gt.txt) as application/zip, not '" + clip(r.contentType(), 60) + "'");
        }
        if (r.body().length == 0) return WebResponse.error(400, "the request has no zip: its body is empty");
        if (r.body().length > limits.maxBodyBytes()) return tooLarge(r.body().length);
        Selection s = select(r);
        if (s.error() != null) return s.error();
        List<PipelineInfo> notReady = s.pipelines().stream().filter(p -> !p.ready()).toList();
        if (!notReady.isEmpty()) return WebResponse.error(503, "pipeline " + notReady.get(0).name() + ": not ready: " + notReady.get(0).status());
        Optional<DatasetProvider> datasets = services.datasets();
        if (datasets.isEmpty()) return WebResponse.error(503, "no dataset reader is registered yet");
        Path dir = Files.createTempDirectory(scratch, "compare-");
        try {
            try {
                ZipFolder.unpack(r.body(), dir, limits.maxZipEntries(), limits.maxZipBytes());
            } catch (IOException e) {
                return WebResponse.error(e.getMessage().contains("more than") ? 413 : 400, "upload.zip: " + e.getMessage());
            }
            Dataset dataset;
            try {
                dataset = datasets.get().open(dir.toString(), "test");
            } catch (InputException e) {
                return WebResponse.error(400, e.getMessage().replace(dir.toString(), "upload.zip"));
            }
            if (dataset.size() == 0) return WebResponse.error(400, "upload.zip: no line (ID.png with ID.gt.txt) in it");
            List<Recognizer> systems = s.pipelines().stream().map(PipelineInfo::recognizer).toList();
            Future<ComparisonResult> f;
            try {
                f = workers.submit(() -> new Comparison().threads(1).warmupLines(0).run(dataset, systems));
            } catch (RejectedExecutionException e) {
                return WebResponse.error(503, "every worker is busy: try again in a moment");
            }
            long budget = limits.timeoutMillis() * Math.max(1, Math.min(dataset.size(), 20));
            ComparisonResult result;
            try {
                result = f.get(budget, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                return WebResponse.error(504, "the comparison took longer than " + budget / 1000 + " s");
            } catch (ExecutionException e) {
                return WebResponse.error(400, "the comparison failed: " + message(e.getCause()));
            }
            JsonWriter j = new JsonWriter().beginObject().field("table", ComparisonTable.text(result)).field("lines", result.lineCount());
            j.name("rows").beginArray();
            for (SystemSummary sum : result.summaries()) {
                j.beginObject().field("pipeline", sum.name()).field("cer", round(100 * sum.rates().cer(), 2))
                        .field("wer", round(100 * sum.rates().wer(), 2)).field("lines", sum.lines())
                        .field("seconds", round(sum.wallSeconds(), 2)).field("failed", sum.failures()).endObject();
            }
            return WebResponse.json(200, j.endArray().endObject().toString());
        } finally {
            deleteTree(dir);
        }
    }

    // ---- reports ----

    private List<Path> reportFiles() throws IOException {
        Path dir = services.reports();
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".html") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    private WebResponse reports() throws IOException {
        JsonWriter j = new JsonWriter().beginArray();
        for (Path p : reportFiles()) {
            j.beginObject().field("name", p.getFileName().toString())
                    .field("modified", Instant.ofEpochMilli(Files.getLastModifiedTime(p).toMillis()).toString())
                    .field("bytes", Files.size(p)).endObject();
        }
        return WebResponse.json(200, j.endArray().toString());
    }

    /** Only a name from the listing is served: the request's text never becomes a path. */
    private WebResponse report(String name) throws IOException {
        for (Path p : reportFiles()) {
            if (p.getFileName().toString().equals(name)) {
                return new WebResponse(200, "text/html; charset=utf-8", Files.readAllBytes(p));
            }
        }
        return WebResponse.error(404, "no such report: " + clip(name, 80));
    }

    private static WebResponse page(String resource) throws IOException {
        try (InputStream in = WebApi.class.getResourceAsStream("/static/" + resource)) {
            if (in == null) return WebResponse.error(404, "the page is not in this build: " + resource);
            String type = resource.endsWith(".js") ? "text/javascript; charset=utf-8"
                    : resource.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
            return new WebResponse(200, type, in.readAllBytes());
        }
    }

    // ---- helpers ----

    static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return v;
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a scratch file: the folder is emptied on close
                }
            });
        } catch (IOException ignored) {
            // nothing to delete
        }
    }

    /** Stops the workers (running requests finish) and empties the scratch folder. */
    @Override
    public void close() {
        workers.shutdownNow();
        deleteTree(scratch);
    }
}
