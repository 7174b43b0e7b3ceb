package dev.ductus.peers.tesseract;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Tesseract 5 run as a process on one image ({@code tesseract IMG stdout --oem 1 --psm 7 -l eng}): the peer an
 * HTR system is measured against. Page segmentation mode 7 reads a single line, 6 a block of text.
 */
public final class TesseractCli {
    private final String executable;
    private final int psm;
    private final String language;
    private final long timeoutMillis;

    public TesseractCli(String executable, int psm, String language, long timeoutMillis) {
        this.executable = executable;
        this.psm = psm;
        this.language = language;
        this.timeoutMillis = timeoutMillis;
    }

    /** The version line of the executable, or null when it cannot be run. */
    public String version() {
        try {
            Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return out.lines().findFirst().orElse("tesseract").trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public List<String> command(Path image) {
        return List.of(executable, image.toString(), "stdout", "--oem", "1", "--psm", Integer.toString(psm), "-l", language);
    }

    public Hypothesis recognize(GrayImage image) {
        long t0 = System.nanoTime();
        Path png = null;
        try {
            png = Files.createTempFile("ductus-tesseract", ".png");
            ImageIO.write(toGray8(image), "png", png.toFile());
            Process p = new ProcessBuilder(command(png)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new InputException(image.source(), "tesseract took longer than " + timeoutMillis + " ms");
            }
            if (p.exitValue() != 0) throw new InputException(image.source(), "tesseract exited with " + p.exitValue());
            String text = normalise(new String(out, StandardCharsets.UTF_8));
            Notes notes = new Notes().add("tesseract", "psm " + psm + ", " + text.length() + " characters",
                    (System.nanoTime() - t0) / 1e6);
            return new Hypothesis(text, 0, List.of(), notes);
        } catch (IOException e) {
            throw new InputException(image.source(), "cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(image.source(), "interrupted while tesseract ran");
        } finally {
            if (png != null) {
                try {
                    Files.deleteIfExists(png);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** Tesseract ends lines with "\n" and pages with a form feed; keep one "\n" between non-empty lines. */
    static String normalise(String raw) {
        List<String> lines = new ArrayList<>();
        for (String line : raw.replace("\f", "").split("\r?\n")) {
            String t = line.strip().replaceAll("\\s+", " ");
            if (!t.isEmpty()) lines.add(t);
        }
        return String.join("\n", lines);
    }

    private static BufferedImage toGray8(GrayImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        var raster = out.getRaster();
        float[] p = image.pixels();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                raster.setSample(x, y, 0, Math.round(Math.max(0f, Math.min(1f, p[y * image.width() + x])) * 255f));
            }
        }
        return out;
    }
}
