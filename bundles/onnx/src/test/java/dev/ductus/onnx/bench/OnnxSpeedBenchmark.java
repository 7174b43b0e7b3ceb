package dev.ductus.onnx.bench;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.ctc.model.CtcOpticalModel;
import dev.ductus.onnx.export.ExportCheck;
import dev.ductus.onnx.export.OnnxExporter;
import dev.ductus.onnx.serve.OnnxOpticalModel;
import dev.ductus.onnx.serve.OnnxSettings;
import dev.ductus.testsupport.RenderedLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Optical-model speed, one line at a time, of a Ductus CTC model and its ONNX export run by onnxruntime, on the same
 * rendered lines (no preprocessing, no decoding): rounds alternate between the two so a busy machine slows both
 * alike; prints each engine's median lines/s over the rounds and the largest log-posterior difference seen.
 *
 * <pre>bundles/onnx/bench/onnx-vs-native.sh [--model runtime/models/crnn-cursive.model] [--lines 60] [--rounds 5] [--threads 2]</pre>
 */
public final class OnnxSpeedBenchmark {
    public static void main(String[] args) throws Exception {
        Path model = Path.of("runtime/models/crnn-cursive.model");
        int lines = 60;
        int rounds = 5;
        int threads = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        CtcModel m = CtcModel.read(model, null, null);
        Path onnx = Files.createTempFile("bench", ".onnx");
        OnnxExporter.export(m, model.toString(), onnx);
        OpticalModel ductus = new CtcOpticalModel(m, new PixelSetup(0).restore(m.inputSpec(), null, null));
        OnnxSettings s = OnnxSettings.fromFile();
        try (OnnxOpticalModel exported = OnnxOpticalModel.load(onnx, new OnnxSettings(null, 0, false, s.output(), s.layout(), "", threads))) {
            SplittableRandom r = new SplittableRandom(3);
            List<GrayImage> images = new ArrayList<>();
            long columns = 0;
            for (int i = 0; i < lines; i++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 4 + r.nextInt(4); w++) text.append(w == 0 ? "" : " ").append(RenderedLines.WORDS.get(r.nextInt(RenderedLines.WORDS.size())));
                GrayImage g = RenderedLines.render(text.toString(), 22f, 0);
                images.add(g);
                columns += Math.round(g.width() * 48.0 / g.height());
            }
            double diff = 0;
            for (GrayImage g : images.subList(0, Math.min(10, lines))) diff = Math.max(diff, ExportCheck.maxDifference(ductus.score(g), exported.score(g)));
            double[] a = new double[rounds];
            double[] b = new double[rounds];
            for (int k = 0; k < rounds; k++) {
                a[k] = rate(ductus, images);
                b[k] = rate(exported, images);
            }
            Arrays.sort(a);
            Arrays.sort(b);
            System.out.printf(Locale.ROOT, "%s (%s), %d lines of ~%d columns at 48 rows, %d threads, %d rounds:%n", model.getFileName(),
                    m.network().spec(), lines, columns / lines, threads, rounds);
            System.out.printf(Locale.ROOT, "  native Ductus  %.1f lines/s (median; min %.1f, max %.1f)%n", a[rounds / 2], a[0], a[rounds - 1]);
            System.out.printf(Locale.ROOT, "  onnxruntime    %.1f lines/s (median; min %.1f, max %.1f)%n", b[rounds / 2], b[0], b[rounds - 1]);
            System.out.printf(Locale.ROOT, "  max |log-posterior difference| %.2e%n", diff);
        } finally {
            Files.deleteIfExists(onnx);
        }
    }

    private static double rate(OpticalModel model, List<GrayImage> images) {
        long t0 = System.nanoTime();
        for (GrayImage g : images) model.score(g);
        return images.size() / ((System.nanoTime() - t0) / 1e9);
    }
}
