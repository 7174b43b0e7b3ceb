package dev.ductus.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.recognize.Recognizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's routes, limits and answers over fake services (the in-framework test, WebServiceIT, uses real ones). */
class WebApiTest {
    @TempDir
    Path dir;
    private WebApi api;
    private final List<WebServices.PipelineInfo> pipelines = new ArrayList<>();
    private volatile CountDownLatch release = new CountDownLatch(0);

    private final class Fake implements Recognizer {
        private final String name;
        private final String text;

        Fake(String name, String text) {
            this.name = name;
            this.text = text;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String describe() {
            return "model=" + name;
        }

        @Override
        public boolean paragraphs() {
            return false;
        }

        @Override
        public Hypothesis recognize(GrayImage image) {
            // like a real decoder, deaf to interrupts: a timed-out request keeps its worker until it ends
            boolean interrupted = false;
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (text == null) throw new IllegalStateException("decoder blew up");
            List<CharSpan> chars = new ArrayList<>();
            for (int i = 0; i < text.length(); i++) chars.add(new CharSpan(text.substring(i, i + 1), 10 * i, 10 * i + 8, i, i + 1, 0.75, 0));
            Hypothesis h = new Hypothesis(text, -1, chars, new Notes().add("ductus.model.version", name + "@abc"));
            // "placed" pipelines read a 30x16 line cut out of the upload at (5, 2), as a crop step would
            return name.startsWith("placed") ? h.withPlacements(List.of(new dev.ductus.api.image.LinePlacement(
                    image.pixelMap().translate(5, 2), 30, 16, 12))) : h;
        }
    }

    private void pipeline(String name, boolean ready, String text) {
        pipelines.add(new WebServices.PipelineInfo(name, ready, ready ? "ready: model=" + name : "waiting for a language model",
                "line", "a test pipeline", "", name + "-model", name + "@abc", new Fake(name, text)));
    }

    private static final ImageLoader LOADER = new ImageLoader() {
        @Override
        public List<GrayImage> read(Path file) {
            try {
                String head = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (head.startsWith("BIG")) throw new InputException(file.toString(), "image is 1x9 = 9 pixels, above the limit of 4 (max.pixels)");
                if (!head.startsWith("IMG")) throw new InputException(file.toString(), "unsupported image format");
                return List.of(GrayImage.blank(40, 20));
            } catch (IOException e) {
                throw new InputException(file.toString(), e.getMessage());
            }
        }

        @Override
        public void writePng(GrayImage image, Path file) {
            throw new UnsupportedOperationException();
        }
    };

    private WebApi api(WebLimits limits) throws IOException {
        api = new WebApi(new WebServices() {
            @Override
            public List<PipelineInfo> pipelines() {
                return pipelines;
            }

            @Override
            public Optional<ImageLoader> imageLoader() {
                return Optional.of(LOADER);
            }

            @Override
            public Optional<DatasetProvider> datasets() {
                return Optional.empty();
            }

            @Override
            public Optional<Command> command(String verb) {
                return Optional.empty();
            }

            @Override
            public Path reports() {
                return dir.resolve("reports");
            }
        }, limits, dir.resolve("scratch"));
        return api;
    }

    private static WebLimits limits(int workers, int queue, long timeoutMillis, String token) {
        return new WebLimits(1000, timeoutMillis, workers, queue, 100, 10_000, token);
    }

    private static WebRequest post(String path, Map<String, String> query, String type, String body) {
        return new WebRequest("POST", path, query, type, body.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    @AfterEach
    void close() {
        release.countDown();
        if (api != null) api.close();
    }

    @Test
    void eachNamedPipelineAnswersWithTextConfidencesAndItsModelVersion() throws IOException {
        pipeline("a", true, "hi");
        pipeline("b", true, "ho");
        WebResponse r = api(limits(2, 4, 5000, "")).handle(post("/api/recognize", Map.of("pipeline", "b,a"), "image/png", "IMG"));
        assertEquals(200, r.status(), r.text());
        assertTrue(r.text().startsWith("{\"width\":40,\"height\":20,\"results\":[{\"pipeline\":\"b\",\"ok\":true,\"text\":\"ho\""), r.text());
        assertTrue(r.text().contains("{\"pipeline\":\"a\",\"ok\":true,\"text\":\"hi\",\"confidence\":0.75,\"modelVersion\":\"a@abc\""), r.text());
        assertTrue(r.text().contains("{\"c\":\"h\",\"x0\":0,\"x1\":8,\"confidence\":0.75,\"line\":0}"), r.text());
    }

    /** Issue 14: characters and words carry their box and polygon in pixels of the uploaded image. */
    @Test
    void positionsAreInPixelsOfTheUpload() throws IOException {
        pipeline("placed", true, "hi yo");
        WebResponse r = api(limits(2, 4, 5000, "")).handle(post("/api/recognize", Map.of("pipeline", "placed"), "image/png", "IMG"));
        assertEquals(200, r.status(), r.text());
        // "h": columns 0..8 of the line -> x 5..13, rows 0..16 -> y 2..18
        assertTrue(r.text().contains("{\"c\":\"h\",\"x0\":0,\"x1\":8,\"confidence\":0.75,\"line\":0,"
                + "\"box\":[5,2,13,18],\"polygon\":[[5,2],[13,2],[13,18],[5,18]]}"), r.text());
        // "yo": columns 30..48 -> x 35..53, clamped to the 40-pixel upload
        assertTrue(r.text().contains("{\"text\":\"yo\",\"line\":0,\"confidence\":0.75,\"box\":[35,2,40,18]"), r.text());
        assertTrue(r.text().contains("{\"text\":\"hi\",\"line\":0,\"confidence\":0.75,\"box\":[5,2,23,18]"), r.text());
    }

    @Test
    void oneFailingPipelineDoesNotSpoilTheOthersAndAllFailingFailsTheRequest() throws IOException {
        pipeline("good", true, "ok");
        pipeline("broken", true, null);
        pipeline("waiting", false, "x");
        WebApi a = api(limits(2, 4, 5000, ""));
        WebResponse r = a.handle(post("/api/recognize", Map.of("pipeline", "good,broken,waiting"), "image/png", "IMG"));
        assertEquals(200, r.status(), r.text());
        assertTrue(r.text().contains("\"pipeline\":\"broken\",\"ok\":false,\"status\":500,\"error\":\"pipeline broken failed: decoder blew up\""), r.text());
        assertTrue(r.text().contains("\"pipeline\":\"waiting\",\"ok\":false,\"status\":503,\"error\":\"pipeline waiting: not ready: waiting for a language model\""), r.text());
        WebResponse only = a.handle(post("/api/recognize", Map.of("pipeline", "waiting"), "image/png", "IMG"));
        assertEquals(503, only.status(), only.text());
    }

    @Test
    void badRequestsGetTheirStatus() throws IOException {
        pipeline("a", true, "hi");
        WebApi a = api(limits(2, 4, 5000, ""));
        assertEquals(404, a.handle(post("/api/recognize", Map.of("pipeline", "zzz"), "image/png", "IMG")).status());
        assertEquals(415, a.handle(post("/api/recognize", Map.of("pipeline", "a"), "text/plain", "IMG")).status());
        assertEquals(400, a.handle(post("/api/recognize", Map.of("pipeline", "a"), "image/png", "")).status());
        WebResponse corrupt = a.handle(post("/api/recognize", Map.of("pipeline", "a"), "image/png", "JUNK"));
        assertEquals(400, corrupt.status());
        assertEquals("{\"error\":\"upload: unsupported image format\",\"status\":400}", corrupt.text());
        assertEquals(413, a.handle(post("/api/recognize", Map.of("pipeline", "a"), "image/png", "BIG")).status());
        assertEquals(413, a.handle(post("/api/recognize", Map.of("pipeline", "a"), "image/png", "IMG" + "x".repeat(2000))).status());
        assertEquals(405, a.handle(new WebRequest("GET", "/api/recognize", Map.of(), "", null, null)).status());
        assertEquals(400, a.handle(post("/api/recognize", Map.of("pipeline", "a", "format", "pdf"), "image/png", "IMG")).status());
        assertEquals(404, a.handle(new WebRequest("GET", "/etc/passwd", Map.of(), "", null, null)).status());
        assertEquals(404, a.handle(new WebRequest("GET", "/reports/../../x.html", Map.of(), "", null, null)).status());
        assertEquals(404, a.handle(post("/api/explain", Map.of("pipeline", "a"), "image/png", "IMG")).status());
    }

    @Test
    void aPageIsWrittenForOnePipeline() throws IOException {
        pipeline("a", true, "hi");
        pipeline("b", true, "ho");
        WebApi a = api(limits(2, 4, 5000, ""));
        WebResponse page = a.handle(post("/api/recognize", Map.of("pipeline", "a", "format", "page"), "image/png", "IMG"));
        assertEquals(200, page.status(), page.text());
        assertTrue(page.contentType().startsWith("application/xml"));
        assertTrue(page.text().contains("<Unicode>hi</Unicode>"), page.text());
        assertEquals(400, a.handle(post("/api/recognize", Map.of("pipeline", "a,b", "format", "page"), "image/png", "IMG")).status());
        WebResponse alto = a.handle(post("/api/recognize", Map.of("pipeline", "a", "format", "alto"), "image/png", "IMG"));
        assertEquals(200, alto.status(), alto.text());
        assertTrue(alto.text().contains("alto/ns-v4#") && alto.text().contains("CONTENT=\"hi\" WC=\"0.7500\""), alto.text());
    }

    @Test
    void aSlowPipelineTimesOutAndASaturatedPoolAnswers503() throws Exception {
        pipeline("slow", true, "zz");
        release = new CountDownLatch(1);
        WebApi a = api(limits(1, 1, 200, ""));
        WebResponse timedOut = a.handle(post("/api/recognize", Map.of("pipeline", "slow"), "image/png", "IMG"));
        assertEquals(504, timedOut.status(), timedOut.text());
        assertTrue(timedOut.text().contains("time limit"), timedOut.text());
        // the timed-out request still holds the only worker; one more may wait in the queue, the next is refused
        ExecutorService clients = Executors.newFixedThreadPool(2);
        Future<WebResponse> queued = clients.submit(() -> a.handle(post("/api/recognize", Map.of("pipeline", "slow"), "image/png", "IMG")));
        Thread.sleep(50);
        WebResponse refused = a.handle(post("/api/recognize", Map.of("pipeline", "slow"), "image/png", "IMG"));
        assertEquals(503, refused.status(), refused.text());
        assertTrue(refused.text().contains("busy"), refused.text());
        release.countDown();
        assertTrue(List.of(200, 504).contains(queued.get(5, TimeUnit.SECONDS).status()));
        clients.shutdown();
    }

    @Test
    void aTokenWhenConfiguredGuardsTheApiButNotThePage() throws IOException {
        pipeline("a", true, "hi");
        WebApi a = api(limits(1, 1, 5000, "s3cret"));
        assertEquals(401, a.handle(new WebRequest("GET", "/api/pipelines", Map.of(), "", null, null)).status());
        assertEquals(401, a.handle(new WebRequest("GET", "/api/pipelines", Map.of(), "", null, "wrong")).status());
        assertEquals(200, a.handle(new WebRequest("GET", "/api/pipelines", Map.of(), "", null, "s3cret")).status());
        assertEquals(200, a.handle(new WebRequest("GET", "/", Map.of(), "", null, null)).status());
    }

    @Test
    void reportsAreListedAndOnlyListedNamesServed() throws IOException {
        Files.createDirectories(dir.resolve("reports"));
        Files.writeString(dir.resolve("reports/compare-x-test.html"), "<p>r</p>");
        Files.writeString(dir.resolve("reports/notes.txt"), "not html");
        WebApi a = api(limits(1, 1, 5000, ""));
        WebResponse list = a.handle(new WebRequest("GET", "/api/reports", Map.of(), "", null, null));
        assertTrue(list.text().startsWith("[{\"name\":\"compare-x-test.html\""), list.text());
        assertTrue(!list.text().contains("notes.txt"), list.text());
        assertEquals("<p>r</p>", a.handle(new WebRequest("GET", "/reports/compare-x-test.html", Map.of(), "", null, null)).text());
        assertEquals(404, a.handle(new WebRequest("GET", "/reports/notes.txt", Map.of(), "", null, null)).status());
    }

    @Test
    void thePipelineListNamesReadinessVersionsAndWhy() throws IOException {
        pipeline("a", true, "hi");
        pipeline("w", false, "x");
        WebResponse r = api(limits(1, 1, 5000, "")).handle(new WebRequest("GET", "/api/pipelines", Map.of(), "", null, null));
        assertEquals("[{\"name\":\"a\",\"ready\":true,\"status\":\"ready: model=a\",\"input\":\"line\",\"description\":\"a test pipeline\","
                + "\"data\":\"\",\"model\":\"a-model\",\"modelVersion\":\"a@abc\",\"stages\":\"model=a\",\"degraded\":false,\"why\":null},"
                + "{\"name\":\"w\",\"ready\":false,\"status\":\"waiting for a language model\",\"input\":\"line\",\"description\":\"a test pipeline\","
                + "\"data\":\"\",\"model\":\"w-model\",\"modelVersion\":\"w@abc\",\"stages\":null,\"degraded\":false,"
                + "\"why\":\"waiting for a language model\"}]", r.text());
    }
}
