package dev.ductus.launcher;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Latency of {@code POST /api/recognize} per pipeline on one line image, over real HTTP on loopback, in the
 * assembled distribution with the user's cache (shipped models, built LMs): 3 warm-up requests, then N sequential
 * requests from one client (p50, p90, p99, mean), then the same pipeline from 4 clients at once (p50, p99,
 * requests/s). Also the server-side time the answer reports, so the HTTP overhead shows as the difference.
 *
 * <pre>
 * D=runtime/target/ductus; java -cp "runtime/target/test-classes:runtime/target/classes:$D/lib/*" -Dductus.dist=$D \
 *   dev.ductus.launcher.WebLatencyBenchmark LINE.png crnn,blstm-ctc,historical [N]
 * </pre>
 */
public final class WebLatencyBenchmark {
    private WebLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: WebLatencyBenchmark LINE.png PIPELINE[,PIPELINE...] [N]");
            System.exit(2);
        }
        byte[] image = Files.readAllBytes(Path.of(args[0]));
        List<String> pipelines = Arrays.asList(args[1].split(","));
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Path storage = Files.createTempDirectory("ductus-latency");
        try (var fw = new Distribution.InProcess(Distribution.HOME.resolve("config"), storage, true, List.of("all", "web"),
                Map.of("org.osgi.service.http.port", String.valueOf(port), "ductus.web.port", String.valueOf(port)))) {
            fw.execute("pipelines", "--wait", "60");
            System.out.printf("POST /api/recognize, one %d-byte line (%s), %d requests per pipeline, %d cores%n", image.length,
                    args[0], n, Runtime.getRuntime().availableProcessors());
            System.out.printf("%-18s %8s %8s %8s %8s %10s   %s%n", "pipeline", "p50 ms", "p90 ms", "p99 ms", "mean ms",
                    "server ms", "4 clients: p50 / p99 ms, req/s");
            for (String p : pipelines) {
                String url = base + "/api/recognize?pipeline=" + p;
                HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(image)).build();
                HttpResponse<String> first = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (first.statusCode() != 200) {
                    System.out.printf("%-18s not served: %d %s%n", p, first.statusCode(), first.body());
                    continue;
                }
                for (int i = 0; i < 2; i++) http.send(req, HttpResponse.BodyHandlers.ofString());
                double[] ms = new double[n];
                double server = 0;
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    if (r.statusCode() != 200) throw new IllegalStateException(p + ": " + r.statusCode() + " " + r.body());
                    server += serverMillis(r.body());
                }
                ExecutorService clients = Executors.newFixedThreadPool(4);
                List<Future<double[]>> runs = new ArrayList<>();
                long c0 = System.nanoTime();
                for (int c = 0; c < 4; c++) {
                    runs.add(clients.submit(() -> {
                        double[] t = new double[Math.max(1, n / 4)];
                        for (int i = 0; i < t.length; i++) {
                            long t0 = System.nanoTime();
                            http.send(req, HttpResponse.BodyHandlers.ofString());
                            t[i] = (System.nanoTime() - t0) / 1e6;
                        }
                        return t;
                    }));
                }
                List<Double> all = new ArrayList<>();
                for (Future<double[]> f : runs) for (double v : f.get()) all.add(v);
                double wall = (System.nanoTime() - c0) / 1e9;
                clients.shutdown();
                double[] concurrent = all.stream().mapToDouble(Double::doubleValue).toArray();
                System.out.printf("%-18s %8.1f %8.1f %8.1f %8.1f %10.1f   %.1f / %.1f, %.1f%n", p, pct(ms, 50), pct(ms, 90), pct(ms, 99),
                        Arrays.stream(ms).average().orElse(0), server / n, pct(concurrent, 50), pct(concurrent, 99), concurrent.length / wall);
            }
        } finally {
            Distribution.deleteTree(storage);
        }
    }

    private static double serverMillis(String json) {
        int at = json.indexOf("\"ms\":");
        if (at < 0) return 0;
        int end = at + 5;
        while (end < json.length() && "0123456789.E-".indexOf(json.charAt(end)) >= 0) end++;
        return Double.parseDouble(json.substring(at + 5, end));
    }

    private static double pct(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }
}
