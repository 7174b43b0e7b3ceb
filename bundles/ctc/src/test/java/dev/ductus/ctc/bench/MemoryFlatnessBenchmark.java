package dev.ductus.ctc.bench;

import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.loss.CtcLoss;
import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.optim.GradientClipping;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Training memory must stay flat (FINDINGS: SameDiff leaked ~8 MB per step). Runs 2,000 training steps of a
 * small CRNN with every layer kind (conv + fused pool, conv, layer norm, BLSTM, dropout, dense), CTC and Adam
 * with clipping, on batches whose widths change every step (so buffers and cached views are exercised), and
 * prints the resident set size (VmRSS) along the way; growth is measured from step 100 (after warm-up:
 * buffers at their largest, JIT done) to the end. The script fixes and pre-touches the Java heap
 * (-Xms = -Xmx, AlwaysPreTouch), so heap expansion does not count as growth; widths are rounded up to a
 * multiple of 16 as the trainer does.
 *
 * <pre>bundles/ctc/bench/memory-flatness.sh [--steps 2000]</pre>
 */
public final class MemoryFlatnessBenchmark {
    public static void main(String[] args) throws IOException {
        int steps = 2000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--steps")) steps = Integer.parseInt(args[++i]);
        }
        String spec = "conv=8:3x3,pool=2x2,conv=16:3x3,pool=2x2,conv=16:3x3,norm,blstm=32,dropout=0.3,blstm=32,dense=20";
        Network net = new NetworkBuilder(DataType.FLOAT, 1).build(new Shape(32, 1), ModelSpec.parse(spec));
        System.out.println("model " + net.spec() + ", " + net.parameterCount() + " parameters, " + steps + " steps");
        SplittableRandom rnd = new SplittableRandom(7);
        CtcLoss ctc = new CtcLoss(0);
        Adam adam = new Adam();
        Batch grad = new Batch(new Tensor(DataType.FLOAT, 1));
        Batch x = new Batch(new Tensor(DataType.FLOAT, 1));
        long warm = 0;
        long start = System.nanoTime();
        for (int step = 0; step < steps; step++) {
            int n = 4 + rnd.nextInt(5);
            int[] hs = new int[n];
            int[] ws = new int[n];
            int[][] labels = new int[n][];
            Arrays.fill(hs, 32);
            int maxW = 0;
            for (int s = 0; s < n; s++) {
                ws[s] = 96 + rnd.nextInt(160);
                maxW = Math.max(maxW, (ws[s] + 15) / 16 * 16);
                labels[s] = new int[2 + rnd.nextInt(6)];
                for (int j = 0; j < labels[s].length; j++) labels[s][j] = 1 + rnd.nextInt(19);
            }
            x.reshape(n, 32, maxW, 1, hs, ws);
            for (int i = 0; i < x.size(); i++) x.data().set(i, rnd.nextDouble());
            x.zeroPadding();
            net.zeroGrad();
            double loss = ctc.compute(net.forward(x, true), labels, CtcLoss.Reduction.MEAN, grad).loss();
            net.backward(grad);
            GradientClipping.clipGlobalNorm(net.params(), 5);
            adam.step(net.params(), 1e-3);
            if (step == 0 || step == 99 || (step + 1) % 250 == 0) {
                long rss = rssKb();
                if (step == 99) warm = rss;
                System.out.printf(Locale.ROOT, "step %5d  RSS %8.1f MB  heap used %6.1f MB  loss %.3f  %.1f s%n", step + 1,
                        rss / 1024.0, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0,
                        loss, (System.nanoTime() - start) / 1e9);
            }
        }
        long end = rssKb();
        System.out.printf(Locale.ROOT, "RSS after warm-up (step 100) %.1f MB, at the end (step %d) %.1f MB: growth %.2f %% (limit 5 %%) -> %s%n",
                warm / 1024.0, steps, end / 1024.0, 100.0 * (end - warm) / warm, end - warm < 0.05 * warm ? "FLAT" : "GROWING");
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
