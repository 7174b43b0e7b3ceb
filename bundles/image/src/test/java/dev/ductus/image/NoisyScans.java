package dev.ductus.image;

import dev.ductus.api.Box;
import dev.ductus.api.image.GrayImage;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test images that look like poor scans: drawn text (Java2D, as in {@link DrawnText}) with its contrast squeezed
 * to about a third and the paper a little gray, plus Gaussian sensor noise, or salt-and-pepper speckle. The clean
 * drawing is kept, so tests know the true ink box, baseline and angles.
 */
public final class NoisyScans {
    /** The words of the noisy line: ascenders, descenders and round letters; about 900 px in Serif 54 px. */
    public static final String LINE_TEXT = "pack my box with five dozen jugs";

    /** A drawn line: the clean image, its true ink box (pixels at or below 0.5), its skew and its slant. */
    public record Line(GrayImage clean, Box inkBox, double skew, double slant) {
    }

    /** A drawn paragraph: the clean image and every line's true ink box. */
    public record Paragraph(GrayImage clean, List<Box> lines) {
    }

    private NoisyScans() {
    }

    /**
     * {@link #LINE_TEXT} in Serif {@code size} px, leaning right by {@code slant} degrees and rotated
     * counter-clockwise by {@code skew} degrees about the canvas centre, on a white {@code width x height} canvas.
     */
    public static Line line(int width, int height, int size, double slant, double skew) {
        return line(LINE_TEXT, new Font(Font.SERIF, Font.PLAIN, size), width, height, slant, skew);
    }

    public static Line line(String text, Font font, int width, int height, double slant, double skew) {
        BufferedImage canvas = DrawnText.canvas(width, height);
        Graphics2D g = DrawnText.pen(canvas, font);
        var metrics = g.getFontMetrics();
        int textWidth = metrics.stringWidth(text);
        int x = Math.max(0, (width - textWidth) / 2);
        // the core and the descenders sit in the middle of the canvas
        int baseline = (height + metrics.getAscent() - metrics.getDescent()) / 2;
        g.transform(AffineTransform.getRotateInstance(-Math.toRadians(skew), width / 2.0, height / 2.0));
        AffineTransform shear = AffineTransform.getTranslateInstance(0, baseline);
        shear.shear(-Math.tan(Math.toRadians(slant)), 0);
        shear.translate(0, -baseline);
        g.transform(shear);
        g.drawString(text, x, baseline);
        g.dispose();
        GrayImage clean = DrawnText.gray(canvas);
        return new Line(clean, DrawnText.inkBox(clean, 0.5f), skew, slant);
    }

    /** {@code lines} lines of about {@code words} words of {@link DrawnText#WORDS}, {@code pitch} px apart. */
    public static Paragraph paragraph(int lines, Font font, int pitch, double skew) {
        DrawnText.Paragraph p = DrawnText.paragraph(lines, font, pitch, skew);
        return new Paragraph(DrawnText.gray(p.image()), new ArrayList<>(p.lines()));
    }

    /**
     * The scan of a faded page: {@code v' = 0.5 + (v - 0.5) contrast + offset + N(0, sigma)}, clamped to [0, 1].
     * With contrast 0.35, offset 0.065 and sigma 0.08 the paper is at 0.74, full ink at 0.39, and the noise is a
     * quarter of the ink's contrast.
     */
    public static GrayImage degrade(GrayImage clean, double contrast, double offset, double sigma, long seed) {
        Random random = new Random(seed);
        float[] src = clean.pixels();
        float[] p = new float[src.length];
        for (int i = 0; i < p.length; i++) {
            double v = 0.5 + (src[i] - 0.5) * contrast + offset + sigma * random.nextGaussian();
            p[i] = (float) Math.max(0, Math.min(1, v));
        }
        return new GrayImage(clean.width(), clean.height(), p, null, "noisy-scan");
    }

    /** The faded, noisy scan of the brief: contrast 0.35, offset 0.065, sigma 0.08. */
    public static GrayImage degrade(GrayImage clean, long seed) {
        return degrade(clean, 0.35, 0.065, 0.08, seed);
    }

    /** Salt-and-pepper: a {@code fraction} of the pixels set to black or white, half each. */
    public static GrayImage speckle(GrayImage clean, double fraction, long seed) {
        Random random = new Random(seed);
        float[] p = clean.pixels().clone();
        for (int i = 0; i < p.length; i++) {
            if (random.nextDouble() < fraction) p[i] = random.nextBoolean() ? 0f : 1f;
        }
        return new GrayImage(clean.width(), clean.height(), p, null, "speckled-scan");
    }

    /** The fraction of pixels at or below the threshold. */
    public static double darkFraction(GrayImage image, float threshold) {
        long n = 0;
        for (float v : image.pixels()) if (v <= threshold) n++;
        return (double) n / image.pixels().length;
    }
}
