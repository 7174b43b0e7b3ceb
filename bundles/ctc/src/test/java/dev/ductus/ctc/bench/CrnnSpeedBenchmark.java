package dev.ductus.ctc.bench;

import dev.ductus.nn.layer.Layer;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.loss.CtcLoss;
import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Speed of our CNN-BLSTM-CTC against the PyTorch peer ({@code /work/shared/peers/crnn_bench.py}), same
 * architecture, same input (16 x 1 x 64 x 512, targets of 30 from 80 classes, CTC mean-per-label, Adam 3e-4),
 * same protocol (3 warm-up steps, median/p90 of 20 timed; inference median at batch 1 and 16). Prints both,
 * the ratios ours / PyTorch, and where our time goes per layer. The two alternate for {@code --rounds}
 * rounds (default 2), and each side's best round is compared, because this 2-core machine is shared.
 *
 * <pre>bundles/ctc/bench/crnn-vs-pytorch.sh [--threads 2] [--rounds 2] [--no-torch]</pre>
 */
public final class CrnnSpeedBenchmark {
    static final String SPEC = "conv=16:3x3,pool=2x2,conv=32:3x3,pool=2x2,conv=48:3x3,pool=2x2,conv=64:3x3,"
            + "blstm=128,blstm=128,dense=80";
    static final int N = 16;
    static final int H = 64;
    static final int W = 512;
    static final int S = 30;
    static final int C = 80;

    public static void main(String[] args) throws Exception {
        int threads = 2;
        int rounds = 2;
        boolean torch = true;
        String python = "/usr/bin/python3";
        String peer = "/work/shared/peers/crnn_bench.py";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--no-torch" -> torch = false;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--python" -> python = args[++i];
                case "--peer" -> peer = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // rounds alternate the two, since other load on the machine comes and goes; each side's best round counts
        List<Map<String, Double>> theirs = new ArrayList<>();
        List<Map<String, Double>> ours = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            System.out.println("##### round " + r + " of " + rounds + ", load average " + loadAverage());
            if (torch) theirs.add(runTorch(python, peer, threads));
            ours.add(runOurs());
        }
        if (!theirs.isEmpty()) {
            System.out.println();
            System.out.println("=== ours / PyTorch (same machine, " + threads + " threads; best of " + rounds
                    + " rounds each; for times < 1 means we are faster, for lines/s > 1) ===");
            for (int r = 0; r < rounds; r++) {
                System.out.printf(Locale.ROOT, "round %d: train median ours %.1f ms / PyTorch %.1f ms; b1 %.1f / %.1f lines/s; b16 %.1f / %.1f lines/s%n",
                        r + 1, ours.get(r).get("train_median_ms"), theirs.get(r).get("train_median_ms"), ours.get(r).get("infer_b1_lps"),
                        theirs.get(r).get("infer_b1_lps"), ours.get(r).get("infer_b16_lps"), theirs.get(r).get("infer_b16_lps"));
            }
            ratio("train step median", best(ours, "train_median_ms", true), best(theirs, "train_median_ms", true), "ms");
            ratio("train step p90", best(ours, "train_p90_ms", true), best(theirs, "train_p90_ms", true), "ms");
            ratio("inference batch 1", best(ours, "infer_b1_lps", false), best(theirs, "infer_b1_lps", false), "lines/s");
            ratio("inference batch 16", best(ours, "infer_b16_lps", false), best(theirs, "infer_b16_lps", false), "lines/s");
        }
        System.out.println("load average at the end " + loadAverage());
    }

    private static double best(List<Map<String, Double>> runs, String key, boolean lowest) {
        return runs.stream().mapToDouble(m -> m.get(key)).reduce(lowest ? Math::min : Math::max).orElse(Double.NaN);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void ratio(String what, double ours, double theirs, String unit) {
        System.out.printf(Locale.ROOT, "%-20s ours %9.1f %s   PyTorch %9.1f %s   ours/PyTorch %.2f%n", what, ours, unit,
                theirs, unit, ours / theirs);
    }

    static Map<String, Double> runTorch(String python, String peer, int threads) throws Exception {
        System.out.println("=== PyTorch peer: " + python + " " + peer + " --threads " + threads + " ===");
        Process p = new ProcessBuilder(python, peer, "--threads", Integer.toString(threads)).redirectErrorStream(true).start();
        String json = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("{")) json = line;
                else System.out.println(line);
            }
        }
        if (p.waitFor() != 0 || json == null) throw new IllegalStateException("PyTorch peer failed (exit " + p.exitValue() + ")");
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_median_ms", 1e3 * number(json, "\"train_step_s\": \\{\"median\": ([0-9.eE+-]+)"));
        m.put("train_p90_ms", 1e3 * number(json, "\"train_step_s\": \\{[^}]*\"p90\": ([0-9.eE+-]+)"));
        m.put("infer_b1_lps", number(json, "\"infer_b1\": \\{[^}]*\"lines_per_s\": ([0-9.eE+-]+)"));
        m.put("infer_b16_lps", number(json, "\"infer_b16\": \\{[^}]*\"lines_per_s\": ([0-9.eE+-]+)"));
        return m;
    }

    private static double number(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        if (!m.find()) throw new IllegalStateException("no match for " + regex + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    static Map<String, Double> runOurs() {
        System.out.println("=== Ductus (ND4J " + org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName()
                + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ") ===");
        Network net = new NetworkBuilder(DataType.FLOAT, 0).build(new Shape(H, 1), ModelSpec.parse(SPEC));
        System.out.println("model " + net.spec() + ", params " + net.parameterCount());
        SplittableRandom rnd = new SplittableRandom(0);
        Batch x = randomImages(N, rnd);
        int[][] labels = new int[N][S];
        for (int[] l : labels) for (int i = 0; i < S; i++) l[i] = 1 + rnd.nextInt(C - 1);
        CtcLoss ctc = new CtcLoss(0);
        Adam adam = new Adam();
        Batch grad = new Batch(new Tensor(DataType.FLOAT, 1));
        Profile profile = new Profile(net.layers());
        double[] losses = new double[23];
        double[] times = new double[20];
        long cpu0 = 0;
        for (int i = 0; i < 23; i++) {
            if (i == 3) cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            net.zeroGrad();
            losses[i] = profile.step(net, x, labels, ctc, grad, adam, i >= 3);
            if (i >= 3) times[i - 3] = (System.nanoTime() - t0) / 1e6;
        }
        double cpuPerStep = (processCpuNanos() - cpu0) / 20e6;
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = (sorted[9] + sorted[10]) / 2;
        double p90 = sorted[(int) Math.ceil(0.9 * 20) - 1];
        System.out.printf(Locale.ROOT, "train step (16x1x64x512, CTC, Adam): median %.1f ms, p90 %.1f ms, min %.1f (%.1f lines/s); loss %.3f -> %.3f%n",
                median, p90, sorted[0], N * 1000 / median, losses[0], losses[22]);
        System.out.printf(Locale.ROOT, "process CPU time per training step: %.1f ms (all threads; wall median %.1f ms)%n", cpuPerStep, median);
        profile.print(20);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_median_ms", median);
        m.put("train_p90_ms", p90);
        Network inf = net.replica();
        for (int b : new int[] {1, 16}) {
            Batch xb = randomImages(b, rnd);
            int warm = b == 1 ? 5 : 3;
            int reps = b == 1 ? 50 : 15;
            for (int i = 0; i < warm; i++) inf.forward(xb, false);
            double[] ts = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                inf.forward(xb, false);
                ts[i] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(ts);
            double med = reps % 2 == 1 ? ts[reps / 2] : (ts[reps / 2 - 1] + ts[reps / 2]) / 2;
            System.out.printf(Locale.ROOT, "inference batch %d: %.1f lines/s (median %.1f ms)%n", b, b / med, med * 1e3);
            m.put(b == 1 ? "infer_b1_lps" : "infer_b16_lps", b / med);
        }
        Profile infProfile = new Profile(inf.layers());
        Batch x16 = randomImages(16, rnd);
        for (int i = 0; i < 8; i++) infProfile.forwardOnly(inf, x16, i >= 3);
        System.out.println("inference batch 16, per layer (mean of 5):");
        infProfile.print(5);
        return m;
    }

    static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    static Batch randomImages(int n, SplittableRandom rnd) {
        int[] hs = new int[n];
        int[] ws = new int[n];
        Arrays.fill(hs, H);
        Arrays.fill(ws, W);
        Batch b = new Batch(new Tensor(DataType.FLOAT, 1)).reshape(n, H, W, 1, hs, ws);
        for (int i = 0; i < b.size(); i++) b.data().set(i, gaussian(rnd));
        return b;
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** Times every layer's forward and backward, the loss and the update. */
    static final class Profile {
        private final List<Layer> layers;
        private final double[] fwd;
        private final double[] bwd;
        private double loss;
        private double update;

        Profile(List<Layer> layers) {
            this.layers = layers;
            this.fwd = new double[layers.size()];
            this.bwd = new double[layers.size()];
        }

        double step(Network net, Batch x, int[][] labels, CtcLoss ctc, Batch grad, Adam adam, boolean record) {
            Batch b = x;
            for (int i = 0; i < layers.size(); i++) {
                long t0 = System.nanoTime();
                b = layers.get(i).forward(b, true);
                if (record) fwd[i] += (System.nanoTime() - t0) / 1e6;
            }
            long t0 = System.nanoTime();
            double l = ctc.compute(b, labels, CtcLoss.Reduction.MEAN_PER_LABEL, grad).loss();
            if (record) loss += (System.nanoTime() - t0) / 1e6;
            Batch g = grad;
            for (int i = layers.size() - 1; i >= 0 && g != null; i--) {
                t0 = System.nanoTime();
                g = layers.get(i).backward(g);
                if (record) bwd[i] += (System.nanoTime() - t0) / 1e6;
            }
            t0 = System.nanoTime();
            adam.step(net.params(), 3e-4);
            if (record) update += (System.nanoTime() - t0) / 1e6;
            return l;
        }

        void forwardOnly(Network net, Batch x, boolean record) {
            Batch b = x;
            for (int i = 0; i < layers.size(); i++) {
                long t0 = System.nanoTime();
                b = layers.get(i).forward(b, false);
                if (record) fwd[i] += (System.nanoTime() - t0) / 1e6;
            }
        }

        void print(int reps) {
            double total = 0;
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                total += fwd[i] + bwd[i];
                rows.add(String.format(Locale.ROOT, "  %-14s forward %8.2f ms  backward %8.2f ms", layers.get(i).spec(),
                        fwd[i] / reps, bwd[i] / reps));
            }
            rows.forEach(System.out::println);
            if (loss > 0 || update > 0) {
                System.out.printf(Locale.ROOT, "  %-14s %8.2f ms%n  %-14s %8.2f ms%n", "ctc loss", loss / reps, "adam update", update / reps);
            }
            System.out.printf(Locale.ROOT, "  %-14s %8.2f ms%n", "sum", (total + loss + update) / reps);
        }
    }
}
