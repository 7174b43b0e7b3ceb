package dev.ductus.ctc.bench;

import dev.ductus.nn.layer.Conv2d;
import dev.ductus.nn.layer.Dense;
import dev.ductus.nn.layer.Layer;
import dev.ductus.nn.layer.MdLstm;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.loss.CtcLoss;
import dev.ductus.nn.mdlstm.DiagonalOrder;
import dev.ductus.nn.mdlstm.ScanDirection;
import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Gemm;
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
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Speed of the MDLSTM-CTC architecture (Graves 2009 / Pham 2014) at the embedded line height (48 rows; width
 * 432, the mean cursive training line scaled to 48 rows), against the PyTorch peer {@code bench/mdlstm_bench.py}
 * (same network, anti-diagonal loop) run from the same process: forward and forward+backward time per line in
 * training batches, inference lines/s at batch 1 and 16, GFLOP/s of the whole network and of the MDLSTM layers
 * against the GEMM peaks measured in the same run, and a breakdown that names the bottleneck.
 *
 * <pre>bundles/ctc/bench/mdlstm-vs-pytorch.sh [--threads 2] [--rounds 2] [--no-torch] [--width 432] [--batch 16]</pre>
 */
public final class MdlstmSpeedBenchmark {
    static final String SPEC = "block=2x2,mdlstm=2,dropout=0.25,conv=6:2x4:s=2x4:tanh,mdlstm=10,dropout=0.25,"
            + "conv=20:2x4:tanh,mdlstm=50,dropout=0.5,collapse,dense=80";
    static final int H = 48;
    static final int C = 80;

    public static void main(String[] args) throws Exception {
        int threads = 2;
        int rounds = 2;
        int width = 432;
        int batch = 16;
        boolean torch = true;
        String python = "/usr/bin/python3";
        String peer = java.nio.file.Path.of(System.getProperty("ductus.bench.dir", "bundles/ctc/bench"), "mdlstm_bench.py").toString();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--width" -> width = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--no-torch" -> torch = false;
                case "--python" -> python = args[++i];
                case "--peer" -> peer = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "MDLSTM-CTC speed, input %dx1x%dx%d, %d threads, %d cores, load average %s%n", batch, H, width,
                threads, Runtime.getRuntime().availableProcessors(), loadAverage());
        Map<String, Double> peaks = gemmPeaks();
        List<Map<String, Double>> ours = new ArrayList<>();
        List<Map<String, Double>> theirs = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            System.out.println("##### round " + r + " of " + rounds + ", load average " + loadAverage());
            ours.add(runOurs(width, batch, peaks, r == rounds));
            if (torch) {
                // PyTorch's OpenMP pool stalls on a busy machine with more than one thread: each side gets its best
                theirs.add(runTorch(python, peer, 1, width, batch));
                if (threads > 1) theirs.add(runTorch(python, peer, threads, width, batch));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "=== summary (best of %d rounds each; per line = batch time / %d) ===%n", rounds, batch);
        row("forward, per line (training batch)", best(ours, "forward_ms", true) / batch, torch ? best(theirs, "forward_ms", true) / batch : Double.NaN, "ms");
        row("forward+backward+Adam, per line", best(ours, "train_ms", true) / batch, torch ? best(theirs, "train_step_ms", true) / batch : Double.NaN, "ms");
        row("inference batch 1", best(ours, "infer_b1_lps", false), torch ? best(theirs, "infer_b1_lps", false) : Double.NaN, "lines/s");
        row("inference batch " + batch, best(ours, "infer_bN_lps", false), torch ? best(theirs, "infer_bN_lps", false) : Double.NaN, "lines/s");
        row("CPU: forward, per line", best(ours, "forward_cpu_ms", true) / batch, torch ? best(theirs, "forward_cpu_ms", true) / batch : Double.NaN, "ms");
        row("CPU: forward+backward+Adam, per line", best(ours, "train_cpu_ms", true) / batch, torch ? best(theirs, "train_step_cpu_ms", true) / batch : Double.NaN, "ms");
        row("CPU: inference batch 1, per line", best(ours, "infer_b1_cpu_ms", true), torch ? best(theirs, "infer_b1_cpu_ms", true) : Double.NaN, "ms");
        row("CPU: inference batch " + batch + ", per line", best(ours, "infer_bN_cpu_ms", true), torch ? best(theirs, "infer_bN_cpu_ms", true) : Double.NaN, "ms");
        System.out.println("load average at the end " + loadAverage());
    }

    private static void row(String what, double ours, double theirs, String unit) {
        boolean time = unit.equals("ms");
        System.out.printf(Locale.ROOT, "%-36s ours %9.2f %-7s PyTorch %9.2f %-7s %s%n", what, ours, unit, theirs, unit,
                Double.isNaN(theirs) ? "" : String.format(Locale.ROOT, "ours is %.1fx faster", time ? theirs / ours : ours / theirs));
    }

    private static double best(List<Map<String, Double>> runs, String key, boolean lowest) {
        return runs.stream().mapToDouble(m -> m.get(key)).reduce(lowest ? Math::min : Math::max).orElse(Double.NaN);
    }

    /** GEMM peaks of this machine now: ND4J (all threads, large square product) and one-thread OpenBLAS. */
    static Map<String, Double> gemmPeaks() {
        Map<String, Double> m = new LinkedHashMap<>();
        int n = 1024;
        Tensor a = new Tensor(DataType.FLOAT, n * n);
        Tensor b = new Tensor(DataType.FLOAT, n * n);
        Tensor c = new Tensor(DataType.FLOAT, n * n);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < n * n; i++) {
            a.set(i, rnd.nextDouble(-1, 1));
            b.set(i, rnd.nextDouble(-1, 1));
        }
        double[] t = new double[7];
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a.matrix(n, n), b.matrix(n, n), c.matrix(n, n), false, false, 1.0, 0.0);
            if (i >= 3) t[i - 3] = (System.nanoTime() - t0) / 1e9;
        }
        m.put("nd4j", 2.0 * n * n * n / median(t) / 1e9);
        Gemm.set(a.matrix(4, 4), false, b.matrix(4, 4), false, c.matrix(4, 4)); // configures OpenBLAS to one thread
        int k = 512;
        FloatPointer pa = new FloatPointer(a.flat().data().addressPointer());
        FloatPointer pb = new FloatPointer(b.flat().data().addressPointer());
        FloatPointer pc = new FloatPointer(c.flat().data().addressPointer());
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, k, k, k, 1f, pa, k, pb, k, 0f, pc, k);
            if (i >= 3) t[i - 3] = (System.nanoTime() - t0) / 1e9;
        }
        m.put("blas1", 2.0 * k * k * k / median(t) / 1e9);
        System.out.printf(Locale.ROOT, "GEMM peak now: ND4J %dx%dx%d (OMP_NUM_THREADS=%s) %.1f GFLOP/s; OpenBLAS one thread %dx%dx%d %.1f GFLOP/s%n",
                n, n, n, System.getenv("OMP_NUM_THREADS"), m.get("nd4j"), k, k, k, m.get("blas1"));
        a.release();
        b.release();
        c.release();
        return m;
    }

    static Map<String, Double> runOurs(int width, int batch, Map<String, Double> peaks, boolean details) {
        Network net = new NetworkBuilder(DataType.FLOAT, 0).build(new Shape(H, 1), ModelSpec.parse(SPEC));
        int frames = net.outputWidth(width);
        int labelLength = Math.max(1, frames / 3);
        Flops flops = Flops.of(net, H, width);
        System.out.printf(Locale.ROOT, "=== Ductus: %s, %d parameters, %d frames, forward %.1f MFLOP/line (MDLSTM %.1f) ===%n",
                net.spec(), net.parameterCount(), frames, flops.forward / 1e6, flops.mdlstmForward / 1e6);
        SplittableRandom rnd = new SplittableRandom(0);
        Batch x = randomImages(batch, H, width, rnd);
        int[][] labels = new int[batch][labelLength];
        for (int[] l : labels) for (int i = 0; i < l.length; i++) l[i] = 1 + rnd.nextInt(C - 1);
        CtcLoss ctc = new CtcLoss(0);
        Adam adam = new Adam();
        Batch grad = new Batch(new Tensor(DataType.FLOAT, 1));
        LayerTimes profile = new LayerTimes(net.layers());
        int steps = 8;
        double[] fwd = new double[steps];
        double[] train = new double[steps];
        double[] fwdCpu = new double[steps];
        double[] trainCpu = new double[steps];
        for (int i = -2; i < steps; i++) {
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            net.forward(x, true);
            if (i >= 0) {
                fwd[i] = (System.nanoTime() - t0) / 1e6;
                fwdCpu[i] = (processCpuNanos() - c0) / 1e6;
            }
            t0 = System.nanoTime();
            c0 = processCpuNanos();
            net.zeroGrad();
            profile.step(net, x, labels, ctc, grad, adam, i >= 0);
            if (i >= 0) {
                train[i] = (System.nanoTime() - t0) / 1e6;
                trainCpu[i] = (processCpuNanos() - c0) / 1e6;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("forward_ms", median(fwd));
        m.put("train_ms", median(train));
        m.put("forward_cpu_ms", median(fwdCpu));
        m.put("train_cpu_ms", median(trainCpu));
        double trainFlops = flops.forward + flops.backward;
        System.out.printf(Locale.ROOT, "batch %d: forward %.1f ms (%.2f ms/line, %.1f GFLOP/s); forward+backward+Adam %.1f ms (%.2f ms/line, %.1f GFLOP/s)%n",
                batch, m.get("forward_ms"), m.get("forward_ms") / batch, batch * flops.forward / m.get("forward_ms") / 1e6,
                m.get("train_ms"), m.get("train_ms") / batch, batch * trainFlops / m.get("train_ms") / 1e6);
        System.out.printf(Locale.ROOT, "CPU time (all threads) per line: forward %.2f ms, forward+backward+Adam %.2f ms%n",
                m.get("forward_cpu_ms") / batch, m.get("train_cpu_ms") / batch);
        if (details) {
            System.out.println("training step, per layer (mean of " + steps + "):");
            profile.print(steps);
        }
        Network inf = net.replica();
        for (int b : new int[] {1, batch}) {
            Batch xb = randomImages(b, H, width, rnd);
            int reps = b == 1 ? 15 : 5;
            for (int i = 0; i < 2; i++) inf.forward(xb, false);
            double[] ts = new double[reps];
            double[] cs = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                long c0 = processCpuNanos();
                inf.forward(xb, false);
                ts[i] = (System.nanoTime() - t0) / 1e9;
                cs[i] = (processCpuNanos() - c0) / 1e6;
            }
            double med = median(ts);
            System.out.printf(Locale.ROOT, "inference batch %d: %.1f lines/s (median %.1f ms, %.1f GFLOP/s; CPU %.2f ms per line)%n", b,
                    b / med, med * 1e3, b * flops.forward / med / 1e9, median(cs) / b);
            m.put(b == 1 ? "infer_b1_lps" : "infer_bN_lps", b / med);
            m.put(b == 1 ? "infer_b1_cpu_ms" : "infer_bN_cpu_ms", median(cs) / b);
        }
        if (details) breakdown(inf, batch, width, rnd, peaks);
        net.releaseBuffers();
        inf.releaseBuffers();
        return m;
    }

    /**
     * Where inference time goes: per layer, and for each MDLSTM layer the time its per-diagonal products take when
     * replayed alone with the same shapes (one direction after another on this thread, as each core runs them).
     */
    private static void breakdown(Network inf, int batch, int width, SplittableRandom rnd, Map<String, Double> peaks) {
        LayerTimes p = new LayerTimes(inf.layers());
        Batch xb = randomImages(batch, H, width, rnd);
        for (int i = 0; i < 6; i++) p.forwardOnly(inf, xb, i >= 2);
        System.out.println("inference batch " + batch + ", per layer (mean of 4):");
        p.print(4);
        Batch b = xb;
        for (Layer l : inf.layers()) {
            if (l instanceof MdLstm md) {
                int h = md.hidden();
                DiagonalOrder order = new DiagonalOrder().layout(b, ScanDirection.TL);
                Tensor a = new Tensor(DataType.FLOAT, order.cells() * 2 * h);
                Tensor u = new Tensor(DataType.FLOAT, 2 * h * 5 * h);
                Tensor c = new Tensor(DataType.FLOAT, order.maxStep() * 5 * h);
                FloatPointer pa = new FloatPointer(a.flat().data().addressPointer());
                FloatPointer pu = new FloatPointer(u.flat().data().addressPointer());
                FloatPointer pc = new FloatPointer(c.flat().data().addressPointer());
                double[] t = new double[5];
                for (int rep = 0; rep < 5; rep++) {
                    long t0 = System.nanoTime();
                    for (int d = 0; d < 2; d++) {
                        for (int k = 1; k < order.steps(); k++) {
                            int m = order.start(k + 1) - order.start(k);
                            // as the scan does: [5h, m] = U^T [5h, 2h] x stacked predecessors [2h, m] (row stride: all cells)
                            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans,
                                    openblas_nolapack.CblasNoTrans, 5 * h, m, 2 * h, 1f, pu, 5 * h, pa.position(order.start(k)),
                                    order.cells(), 0f, pc, m);
                        }
                    }
                    t[rep] = (System.nanoTime() - t0) / 1e6;
                }
                double recurrentFlops = 2.0 * 2 * order.cells() * 2 * h * 5 * h;
                System.out.printf(Locale.ROOT, "  %-12s %d steps, %d cells/direction, largest step %d rows: per-diagonal products of 2 directions "
                                + "(one core's share) %.2f ms = %.1f GFLOP/s (one-thread peak %.1f)%n", md.spec(), order.steps(), order.cells(),
                        order.maxStep(), median(t), recurrentFlops / median(t) / 1e6, peaks.get("blas1"));
                a.release();
                u.release();
                c.release();
            }
            b = l.forward(b, false);
        }
        System.out.printf(Locale.ROOT, "peaks: ND4J %.1f GFLOP/s (all threads), OpenBLAS %.1f GFLOP/s per thread%n", peaks.get("nd4j"), peaks.get("blas1"));
    }

    /** Multiply-add counts (x2 = FLOP) of the products of a network for one line: forward and backward. */
    record Flops(double forward, double backward, double mdlstmForward) {
        static Flops of(Network net, int height, int width) {
            double fwd = 0;
            double bwd = 0;
            double md = 0;
            int h = height;
            int w = width;
            boolean first = true;
            for (Layer l : net.layers()) {
                int hOut = l.outputHeight(h);
                int wOut = l.outputWidth(w);
                int cin = l.inputShape().channels();
                double f = 0;
                if (l instanceof MdLstm m) {
                    int hid = m.hidden();
                    f = 2.0 * h * w * m.directions().size() * (cin * 5 * hid + 2 * hid * 5 * hid);
                    md += f;
                } else if (l instanceof Conv2d c) {
                    f = 2.0 * hOut * wOut * c.fanIn() * c.outputShape().channels();
                } else if (l instanceof Dense d) {
                    f = 2.0 * hOut * wOut * cin * d.outputShape().channels();
                }
                fwd += f;
                // weight gradient + input gradient (the first layer with weights needs no input gradient)
                bwd += first ? f : 2 * f;
                if (f > 0) first = false;
                h = hOut;
                w = wOut;
            }
            return new Flops(fwd, bwd, md);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    static Map<String, Double> runTorch(String python, String peer, int threads, int width, int batch) throws Exception {
        System.out.println("=== PyTorch peer: " + peer + " --threads " + threads + " ===");
        ProcessBuilder pb = new ProcessBuilder(python, peer, "--threads", Integer.toString(threads), "--height", Integer.toString(H),
                "--width", Integer.toString(width), "--batch", Integer.toString(batch), "--steps", "3").redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Process p = pb.start();
        String json = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("{")) json = line;
                else System.out.println(line);
            }
        }
        if (p.waitFor() != 0 || json == null) throw new IllegalStateException("PyTorch peer failed (exit " + p.exitValue() + ")");
        Map<String, Double> m = new LinkedHashMap<>();
        for (String key : List.of("forward_ms", "train_step_ms", "infer_b1_lps", "infer_bN_lps", "forward_cpu_ms", "train_step_cpu_ms",
                "infer_b1_cpu_ms", "infer_bN_cpu_ms")) {
            Matcher mm = Pattern.compile("\"" + key + "\": ([0-9.eE+-]+)").matcher(json);
            if (!mm.find()) throw new IllegalStateException("no " + key + " in " + json);
            m.put(key, Double.parseDouble(mm.group(1)));
        }
        return m;
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static Batch randomImages(int n, int height, int width, SplittableRandom rnd) {
        int[] hs = new int[n];
        int[] ws = new int[n];
        Arrays.fill(hs, height);
        Arrays.fill(ws, width);
        Batch b = new Batch(new Tensor(DataType.FLOAT, 1)).reshape(n, height, width, 1, hs, ws);
        // ink in [0, 1] like the pixel encoder's output
        for (int i = 0; i < b.size(); i++) b.data().set(i, rnd.nextDouble() < 0.8 ? 0 : rnd.nextDouble());
        return b;
    }

    /** Times every layer's forward and backward, the loss and the update. */
    static final class LayerTimes {
        private final List<Layer> layers;
        private final double[] fwd;
        private final double[] bwd;
        private double loss;
        private double update;

        LayerTimes(List<Layer> layers) {
            this.layers = layers;
            this.fwd = new double[layers.size()];
            this.bwd = new double[layers.size()];
        }

        void step(Network net, Batch x, int[][] labels, CtcLoss ctc, Batch grad, Adam adam, boolean record) {
            Batch b = x;
            for (int i = 0; i < layers.size(); i++) {
                long t0 = System.nanoTime();
                b = layers.get(i).forward(b, true);
                if (record) fwd[i] += (System.nanoTime() - t0) / 1e6;
            }
            long t0 = System.nanoTime();
            ctc.compute(b, labels, CtcLoss.Reduction.MEAN, grad);
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
            for (int i = 0; i < layers.size(); i++) {
                total += fwd[i] + bwd[i];
                System.out.printf(Locale.ROOT, "  %-22s forward %8.2f ms  backward %8.2f ms%n", layers.get(i).spec(), fwd[i] / reps, bwd[i] / reps);
            }
            if (loss > 0 || update > 0) {
                System.out.printf(Locale.ROOT, "  %-22s %8.2f ms%n  %-22s %8.2f ms%n", "ctc loss", loss / reps, "adam update", update / reps);
            }
            System.out.printf(Locale.ROOT, "  %-22s %8.2f ms%n", "sum", (total + loss + update) / reps);
        }
    }
}
