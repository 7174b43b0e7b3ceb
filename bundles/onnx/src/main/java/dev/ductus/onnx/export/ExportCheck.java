package dev.ductus.onnx.export;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.FrameScores;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.ctc.model.CtcOpticalModel;
import dev.ductus.onnx.serve.OnnxOpticalModel;
import dev.ductus.onnx.serve.OnnxSettings;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Checks an export: the ONNX file, run by onnxruntime, against the Ductus model's own forward pass on a seeded
 * random line (strokes of ink on paper, 8 line-heights wide): the largest absolute difference of the log-posteriors.
 */
public final class ExportCheck {
    private ExportCheck() {
    }

    /** Max |log p_onnx - log p_ductus| over the frames and classes of the check line. */
    public static double maxDifference(CtcModel model, Path onnx, long seed) {
        CtcOpticalModel ductus = new CtcOpticalModel(model, new PixelSetup(0).restore(model.inputSpec(), null, null));
        try (OnnxOpticalModel exported = OnnxOpticalModel.load(onnx, OnnxSettings.fromFile())) {
            GrayImage line = line(exported.height(), seed);
            return maxDifference(ductus.score(line), exported.score(line));
        }
    }

    /** Max |a - b| over two score matrices of the same shape; infinite when the shapes differ. */
    public static double maxDifference(FrameScores a, FrameScores b) {
        if (a.frames() != b.frames() || a.classes() != b.classes()) return Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < a.scores().length; i++) max = Math.max(max, Math.abs(a.scores()[i] - b.scores()[i]));
        return max;
    }

    /** A seeded line image 8 line-heights wide: paper (1) with random dark strokes, values in [0, 1]. */
    public static GrayImage line(int height, long seed) {
        return line(height, 8 * height, seed);
    }

    /** A seeded line image of this size: paper (1) with random dark strokes, values in [0, 1]. */
    public static GrayImage line(int height, int width, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[width * height];
        java.util.Arrays.fill(p, 1f);
        for (int s = 0; s < width / 3; s++) {
            int x = r.nextInt(width);
            int y = r.nextInt(height);
            int len = 2 + r.nextInt(height / 2 + 1);
            int dx = r.nextInt(3) - 1;
            for (int k = 0; k < len; k++) {
                int xx = x + dx * k;
                int yy = y + k;
                if (xx >= 0 && xx < width && yy < height) p[yy * width + xx] = (float) r.nextDouble(0, 0.3);
            }
        }
        return new GrayImage(width, height, p);
    }
}
