package dev.ductus.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The page in a real browser: headless Chromium (Debian's, installed by .ci/run) driven over the DevTools protocol
 * from Java. It loads the page served by the running framework, uploads a test line, draws a stroke on the canvas,
 * and checks that the ticked pipeline's reading appears for both; a screenshot of the page is kept as a build
 * artefact (target/screenshots/web-page.png). Skipped, saying why, where no Chromium is installed.
 */
class WebPageBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void thePageUploadsALineAndADrawingAndShowsEachReading() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "no browser test: /usr/bin/chromium is not installed (apt-get install chromium; .ci/run installs it)");
        Path dir = Files.createTempDirectory("ductus-browser-it");
        System.setProperty("ductus.cache", dir.resolve("cache").toString());
        Process browser = null;
        try {
            Path config = Distribution.copyConfig(dir.resolve("config"));
            Path lines = Files.createDirectories(dir.resolve("lines"));
            String[] words = {"sun", "moon", "noon", "sum", "mum", "onus"};
            java.util.Random random = new java.util.Random(5);
            for (int i = 0; i < 24; i++) {
                String text = words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
                Distribution.textLine(lines.resolve(String.format("l%02d.png", i)), text);
                Files.writeString(lines.resolve(String.format("l%02d.gt.txt", i)), text + "\n");
            }
            Path probe = Distribution.textLine(dir.resolve("probe.png"), "moon sun");
            int port = freePort();
            String base = "http://127.0.0.1:" + port;
            try (var fw = new Distribution.InProcess(config, dir.resolve("storage"), true, List.of("all", "web"),
                    Map.of("org.osgi.service.http.port", String.valueOf(port), "ductus.web.port", String.valueOf(port)))) {
                Path model = dir.resolve("models").resolve("page.gmmhmm");
                Distribution.Run t = fw.execute("train", "--system", "gmm-hmm", "--data", lines.toString(), "--validation",
                        lines.toString(), "--out", model.toString(), "--set", "mixtures=1", "--set", "iterations=1",
                        "--set", "iterations.first=3", "--set", "validation.lines=2", "--set", "chain=uniform");
                assertEquals(0, t.status(), t.err());
                Files.writeString(config.resolve("dev.ductus.gmmhmm~page-gmm.cfg"), "ductus.name = page-gmm\nmodel.path = " + model + "\n");
                Files.writeString(config.resolve("dev.ductus.hmm.decoder~page-hmm.cfg"),
                        "ductus.name = page-hmm\nlm.weight = 0\ninsertion.penalty = 0\nbeam = 200\n");
                Files.writeString(config.resolve("dev.ductus.pipeline~page.cfg"), "preprocessor.target = (ductus.name=uniform)\n"
                        + "model.target = (ductus.name=page-gmm)\ndecoder.target = (ductus.name=page-hmm)\n");
                awaitReady(base, "page");

                int devtools = freePort();
                browser = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("chromium"), "--window-size=1280,1100",
                        "--remote-debugging-port=" + devtools, "about:blank")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
                try (DevTools page = DevTools.connect(devtools)) {
                    page.call("Page.enable", Json.createObjectBuilder());
                    page.call("Page.navigate", Json.createObjectBuilder().add("url", base + "/"));
                    page.await("document.querySelector('#pipelines input.pipeline[value=\"page\"]') !== null", 30);
                    // tick only our pipeline: the others wait for language models this cache has not built
                    page.eval("document.querySelectorAll('#pipelines input.pipeline').forEach(c => { if (c.checked !== (c.value === 'page')) c.click(); }); true");

                    // 1. upload the test line
                    int input = page.querySelector("#file");
                    page.call("DOM.setFileInputFiles", Json.createObjectBuilder().add("nodeId", input)
                            .add("files", Json.createArrayBuilder().add(probe.toString())));
                    page.eval("document.getElementById('recognize').click(); true");
                    String uploaded = page.await("(() => { const r = document.querySelector('.result[data-pipeline=\"page\"]');"
                            + " return r && !r.classList.contains('failed') && r.querySelector('.text') ? r.querySelector('.text').textContent : null; })()", 60);
                    assertTrue(!uploaded.isBlank(), "the uploaded line is read: '" + uploaded + "'");
                    page.eval("document.getElementById('results').replaceChildren(); true");

                    // 2. draw a stroke on the canvas (mouse events, as a user's pen)
                    page.eval("document.getElementById('mode-draw').click(); true");
                    JsonObject box = page.evalObject("(() => { const r = document.getElementById('canvas').getBoundingClientRect();"
                            + " return {x: r.left, y: r.top, w: r.width, h: r.height}; })()");
                    double x0 = box.getJsonNumber("x").doubleValue() + 40;
                    double y0 = box.getJsonNumber("y").doubleValue() + box.getJsonNumber("h").doubleValue() / 2;
                    page.mouse("mousePressed", x0, y0);
                    for (int i = 1; i <= 40; i++) {
                        page.mouse("mouseMoved", x0 + i * 12, y0 + 25 * Math.sin(i / 3.0));
                    }
                    page.mouse("mouseReleased", x0 + 480, y0);
                    page.eval("document.getElementById('recognize').click(); true");
                    page.await("(() => { const r = document.querySelector('.result[data-pipeline=\"page\"]');"
                            + " return r && !r.classList.contains('failed') && r.querySelector('.version') ? r.querySelector('.version').textContent : null; })()", 60);
                    String status = page.eval("document.getElementById('status').textContent");
                    assertTrue(status.startsWith("done"), "the drawing is recognised: " + status);

                    Path shot = Path.of("target", "screenshots", "web-page.png");
                    Files.createDirectories(shot.getParent());
                    JsonObject png = page.call("Page.captureScreenshot", Json.createObjectBuilder().add("format", "png")
                            .add("captureBeyondViewport", true));
                    Files.write(shot, Base64.getDecoder().decode(png.getString("data")));
                    System.out.println("browser: uploaded line read as '" + uploaded + "'; drawing: " + status + "; screenshot "
                            + shot.toAbsolutePath());
                }
            }
        } finally {
            if (browser != null) {
                browser.destroy();
                if (!browser.waitFor(10, TimeUnit.SECONDS)) browser.destroyForcibly();
            }
            System.clearProperty("ductus.cache");
            Distribution.deleteTree(dir);
        }
    }

    private static void awaitReady(String base, String pipeline) throws Exception {
        long start = System.nanoTime();
        String last = "";
        while (System.nanoTime() - start < 60_000_000_000L) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/pipelines")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.body().contains("\"name\":\"" + pipeline + "\",\"ready\":true")) return;
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("pipeline " + pipeline + " never ready over HTTP: " + last);
    }

    /** A minimal DevTools-protocol client for one page: commands by id, events ignored. */
    private static final class DevTools implements AutoCloseable, WebSocket.Listener {
        private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static DevTools connect(int port) throws Exception {
            String list = null;
            long start = System.nanoTime();
            while (System.nanoTime() - start < 30_000_000_000L) {
                try {
                    list = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).GET().build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    if (list.contains("\"type\": \"page\"") || list.contains("\"type\":\"page\"")) break;
                } catch (java.io.IOException e) {
                    // the browser is still starting
                }
                Thread.sleep(200);
            }
            if (list == null) throw new AssertionError("Chromium's DevTools never answered on port " + port);
            String url = null;
            for (JsonValue v : Json.createReader(new StringReader(list)).readArray()) {
                JsonObject o = v.asJsonObject();
                if (o.getString("type").equals("page")) url = o.getString("webSocketDebuggerUrl");
            }
            DevTools d = new DevTools();
            d.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), d).get(10, TimeUnit.SECONDS);
            return d;
        }

        JsonObject call(String method, JsonObjectBuilder params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonObject> answer = new CompletableFuture<>();
            pending.put(id, answer);
            String msg = Json.createObjectBuilder().add("id", id).add("method", method).add("params", params).build().toString();
            socket.sendText(msg, true).get(10, TimeUnit.SECONDS);
            JsonObject r = answer.get(60, TimeUnit.SECONDS);
            if (r.containsKey("error")) throw new AssertionError(method + ": " + r.get("error"));
            return r.getJsonObject("result");
        }

        private JsonObject evaluate(String expression) throws Exception {
            JsonObject r = call("Runtime.evaluate", Json.createObjectBuilder().add("expression", expression)
                    .add("returnByValue", true).add("awaitPromise", true));
            if (r.containsKey("exceptionDetails")) throw new AssertionError("script failed: " + r.get("exceptionDetails"));
            return r.getJsonObject("result");
        }

        /** The expression's value as a string (null when it is null or undefined). */
        String eval(String expression) throws Exception {
            JsonObject r = evaluate(expression);
            JsonValue v = r.get("value");
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
            return v.getValueType() == JsonValue.ValueType.STRING ? r.getString("value") : v.toString();
        }

        JsonObject evalObject(String expression) throws Exception {
            return evaluate(expression).getJsonObject("value");
        }

        /** Polls until the expression is neither null nor false; returns its value. */
        String await(String expression, int seconds) throws Exception {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                String v = eval(expression);
                if (v != null && !v.equals("false")) return v;
                Thread.sleep(100);
            }
            throw new AssertionError("the page never showed " + expression + "; status: " + eval("document.getElementById('status') && document.getElementById('status').textContent"));
        }

        int querySelector(String selector) throws Exception {
            int root = call("DOM.getDocument", Json.createObjectBuilder()).getJsonObject("root").getInt("nodeId");
            return call("DOM.querySelector", Json.createObjectBuilder().add("nodeId", root).add("selector", selector)).getInt("nodeId");
        }

        void mouse(String type, double x, double y) throws Exception {
            call("Input.dispatchMouseEvent", Json.createObjectBuilder().add("type", type).add("x", x).add("y", y)
                    .add("button", "left").add("buttons", type.equals("mouseReleased") ? 0 : 1).add("clickCount", 1));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject o = Json.createReader(new StringReader(partial.toString())).readObject();
                partial.setLength(0);
                if (o.containsKey("id")) {
                    CompletableFuture<JsonObject> f = pending.remove(o.getInt("id"));
                    if (f != null) f.complete(o);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
