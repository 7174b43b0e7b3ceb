package dev.ductus.onnx.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.FrameScores;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch cross-check: torch_crnn_export.py builds ../shared/peers/crnn_bench.py's CRNN (small, seeded), exports it
 * with torch.onnx.export and writes its logits for a seeded line; the ONNX stage, configured as for any PyTorch export
 * (a PyLaia symbols file, logits, T x N x C), must give the same log-posteriors to 1e-4. Skipped, with the reason,
 * where /usr/bin/python3 (or the {@code ductus.python} system property) cannot import torch (Debian: apt-get install
 * python3-torch).
 */
class TorchCrossCheckTest {
    static final String PYTHON = System.getProperty("ductus.python", "/usr/bin/python3");

    @TempDir
    Path dir;

    /** Skips the test, saying why, when the interpreter or its torch is missing. */
    static void assumeTorch() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is absent: the PyTorch cross-check is skipped");
        Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        Assumptions.assumeTrue(done && p.exitValue() == 0,
                PYTHON + " cannot import torch (apt-get install python3-torch): the PyTorch cross-check is skipped");
    }

    private static float[] floats(Path f) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    /** {@code full}: crnn_bench.py's own sizes (64 x 512 input, 80 classes, 16-64 filters, BLSTM 128); else a small copy. */
    @ParameterizedTest(name = "full size {0}")
    @ValueSource(booleans = {false, true})
    void aPyTorchCrnnExportServesTheSamePosteriors(boolean full) throws Exception {
        assumeTorch();
        Path script = dir.resolve("torch_crnn_export.py");
        try (InputStream in = TorchCrossCheckTest.class.getResourceAsStream("/dev/ductus/onnx/torch_crnn_export.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = dir.resolve("torch");
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON, script.toString(), out.toString(), "--seed", "7"));
        if (full) command.add("--full");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the export script did not finish");
        assertEquals(0, p.exitValue(), log);
        String[] shape = Files.readString(out.resolve("shape.txt")).trim().split(" ");
        int h = Integer.parseInt(shape[0]);
        int w = Integer.parseInt(shape[1]);
        int frames = Integer.parseInt(shape[2]);
        int classes = Integer.parseInt(shape[3]);
        float[] input = floats(out.resolve("input.f32"));
        float[] logits = floats(out.resolve("logits.f32"));

        // PyLaia's symbols file: the blank first, then the symbols
        StringBuilder syms = new StringBuilder("<ctc> 0\n");
        List<String> symbols = new java.util.ArrayList<>();
        // digits, Latin letters, then Greek ones: one printable character per class
        String printable = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (int d = 0; d < classes - 1; d++) {
            symbols.add(d < printable.length() ? printable.substring(d, d + 1) : new String(Character.toChars(0x3b1 + d - printable.length())));
        }
        for (int d = 0; d < symbols.size(); d++) syms.append(symbols.get(d)).append(' ').append(d + 1).append('\n');
        Path symbolsFile = Files.writeString(dir.resolve("syms.txt"), syms);
        OnnxModelComponent stage = new OnnxModelComponent();
        stage.activate(null, Configs.onnx(Map.of("ductus.name", "torch-crnn", "model.path", out.resolve("crnn.onnx").toString(),
                "alphabet.path", symbolsFile.toString(), "output", "logits", "output.layout", "TNC", "chain", "pixels")), Map.of());
        try {
            assertTrue(stage.serving(), "the PyTorch export loads");
            assertEquals("pixels", stage.info().facts().get("chain"));
            // the line the script fed, as an image: Ductus encodes ink as 1, so paper-white pixels are 1 - input
            float[] pixels = new float[h * w];
            for (int i = 0; i < pixels.length; i++) pixels[i] = 1 - input[i];
            FrameScores s = stage.score(new GrayImage(w, h, pixels));
            assertEquals(frames, s.frames());
            assertEquals(classes, s.classes());
            double max = 0;
            for (int t = 0; t < frames; t++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) m = Math.max(m, logits[t * classes + c]);
                double sum = 0;
                for (int c = 0; c < classes; c++) sum += Math.exp(logits[t * classes + c] - m);
                double lse = m + Math.log(sum);
                for (int c = 0; c < classes; c++) max = Math.max(max, Math.abs(s.get(t, c) - (logits[t * classes + c] - lse)));
            }
            System.out.printf("PyTorch CRNN (%s): %d frames x %d classes, max |log-posterior difference| %.3g%n",
                    log.lines().filter(l -> l.startsWith("torch")).findFirst().orElse("torch"), frames, classes, max);
            assertTrue(max < 1e-4, "max difference " + max);
            assertEquals(symbols, stage.info().alphabet().symbols());
        } finally {
            stage.deactivate();
        }
    }
}
