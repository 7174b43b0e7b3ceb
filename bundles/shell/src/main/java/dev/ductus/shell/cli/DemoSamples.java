package dev.ductus.shell.cli;

import dev.ductus.api.image.GrayImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The demo's own sample images, drawn deterministically: a slanted and skewed line, a faded noisy line and a
 * paragraph, so every preprocessing stage has something visible to undo.
 */
public final class DemoSamples {
    private DemoSamples() {
    }

    /** Name to image: names starting with "paragraph" are pages of several lines. */
    public static Map<String, GrayImage> create() {
        Map<String, GrayImage> out = new LinkedHashMap<>();
        out.put("line-skew4-slant20", line("handwriting recognition", 4.0, 20.0, 1.0, 0.0, 1));
        out.put("line-faded-noisy", line("the quick brown fox", -2.0, 10.0, 0.35, 0.08, 2));
        out.put("paragraph-4-lines", paragraph(new String[] {"Ductus reads lines", "and whole paragraphs",
                "with hidden Markov models", "and neural networks"}, 1.5, 3));
        return out;
    }

    static GrayImage line(String text, double skewDeg, double slantDeg, double contrast, double noise, long seed) {
        BufferedImage img = draw(new String[] {text}, skewDeg, slantDeg);
        return toGray(img, contrast, noise, seed, "demo:" + text);
    }

    static GrayImage paragraph(String[] lines, double skewDeg, long seed) {
        return toGray(draw(lines, skewDeg, 12.0), 1.0, 0.03, seed, "demo:paragraph");
    }

    private static BufferedImage draw(String[] lines, double skewDeg, double slantDeg) {
        int lineHeight = 90;
        int w = 1100;
        int h = 60 + lineHeight * lines.length;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(25, 25, 40));
        g.setStroke(new BasicStroke(2f));
        AffineTransform t = new AffineTransform();
        t.rotate(Math.toRadians(skewDeg), w / 2.0, h / 2.0);
        g.transform(t);
        Font font = new Font(Font.SERIF, Font.PLAIN, 54);
        // slant as a shear of the glyphs: x' = x - tan(slant) * y (text leans right for positive slant)
        font = font.deriveFont(AffineTransform.getShearInstance(-Math.tan(Math.toRadians(slantDeg)), 0));
        g.setFont(font);
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 60, 70 + i * lineHeight);
        }
        g.dispose();
        return img;
    }

    private static GrayImage toGray(BufferedImage img, double contrast, double noise, long seed, String source) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] p = new float[w * h];
        Random rnd = new Random(seed);
        var raster = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = raster.getSample(x, y, 0) / 255.0;
                v = 0.5 + (v - 0.5) * contrast + 0.1 * (1 - contrast);
                v += noise * rnd.nextGaussian();
                p[y * w + x] = (float) Math.max(0, Math.min(1, v));
            }
        }
        return new GrayImage(w, h, p, null, source);
    }
}
