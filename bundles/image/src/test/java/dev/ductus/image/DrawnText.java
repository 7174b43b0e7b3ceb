package dev.ductus.image;

import dev.ductus.api.Box;
import dev.ductus.api.image.GrayImage;
import dev.ductus.image.io.GrayImages;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Test images drawn with Java2D (headless): text lines with a known baseline, paragraphs with each line's true
 * box, and rotations and shears done by Java2D itself, independent of the code under test.
 */
public final class DrawnText {
    /** Words with ascenders and descenders in every line. */
    public static final String[] WORDS = {"quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "pack",
        "my", "box", "with", "five", "dozen", "liquor", "jugs", "glyph", "height", "baseline", "happy", "quality"};

    /** A drawn line: the image and where its reference lines are. */
    public record Line(BufferedImage image, int baseline, int xHeight) {
    }

    /** A drawn paragraph: the image and every line's true ink box. */
    public record Paragraph(BufferedImage image, List<Box> lines) {
    }

    private DrawnText() {
    }

    public static Font font(int size) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, size);
    }

    public static BufferedImage canvas(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    public static Graphics2D pen(BufferedImage img, Font font) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setColor(Color.BLACK);
        g.setFont(font);
        return g;
    }

    /** One line of text with {@code pad} pixels of paper around the font's full ascent and descent. */
    public static Line line(String text, Font font, int pad) {
        FontRenderContext frc = new FontRenderContext(null, true, true);
        Rectangle2D bounds = font.getStringBounds(text, frc);
        var metrics = font.getLineMetrics(text, frc);
        int w = (int) Math.ceil(bounds.getWidth()) + 2 * pad;
        int h = (int) Math.ceil(metrics.getAscent() + metrics.getDescent()) + 2 * pad;
        int baseline = pad + (int) Math.ceil(metrics.getAscent());
        BufferedImage img = canvas(w, h);
        Graphics2D g = pen(img, font);
        g.drawString(text, pad, baseline);
        g.dispose();
        int xHeight = (int) Math.round(-font.createGlyphVector(frc, "x").getVisualBounds().getY());
        return new Line(img, baseline, xHeight);
    }

    /** Text of roughly {@code words} words from {@link #WORDS}, starting at word {@code seed}. */
    public static String words(int seed, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) sb.append(' ');
            sb.append(WORDS[(seed * 7 + i * 5) % WORDS.length]);
        }
        return sb.toString();
    }

    /**
     * A paragraph of {@code lines} lines, {@code pitch} pixels apart, rotated counter-clockwise by {@code skew}
     * degrees; every line's box is found by drawing that line alone with the same transform.
     */
    public static Paragraph paragraph(int lines, Font font, int pitch, double skew) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < lines; i++) texts.add(words(i, i == lines - 1 ? 3 : 6 + i % 3));
        FontRenderContext frc = new FontRenderContext(null, true, true);
        int width = 0;
        for (String t : texts) width = Math.max(width, (int) Math.ceil(font.getStringBounds(t, frc).getWidth()));
        int margin = 30;
        int w = width + 2 * margin;
        int h = lines * pitch + 2 * margin;
        AffineTransform rotation = AffineTransform.getRotateInstance(-Math.toRadians(skew), w / 2.0, h / 2.0);
        BufferedImage page = canvas(w, h);
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            int baseline = margin + (int) Math.round(font.getLineMetrics("x", frc).getAscent()) + i * pitch;
            Graphics2D g = pen(page, font);
            g.transform(rotation);
            g.drawString(texts.get(i), margin, baseline);
            g.dispose();
            BufferedImage alone = canvas(w, h);
            Graphics2D ga = pen(alone, font);
            ga.transform(rotation);
            ga.drawString(texts.get(i), margin, baseline);
            ga.dispose();
            boxes.add(inkBox(gray(alone), 0.5f));
        }
        return new Paragraph(page, boxes);
    }

    /** The image rotated counter-clockwise (on screen) by {@code degrees}, on a canvas that holds all of it. */
    public static BufferedImage rotate(BufferedImage src, double degrees) {
        return transform(src, AffineTransform.getRotateInstance(-Math.toRadians(degrees)));
    }

    /** The image sheared so that upright strokes lean right by {@code degrees} (tops to the right). */
    public static BufferedImage slant(BufferedImage src, double degrees) {
        return transform(src, AffineTransform.getShearInstance(-Math.tan(Math.toRadians(degrees)), 0));
    }

    /** Applies a transform with bilinear interpolation onto a white canvas holding the whole result. */
    public static BufferedImage transform(BufferedImage src, AffineTransform t) {
        Rectangle2D r = t.createTransformedShape(new Rectangle2D.Double(0, 0, src.getWidth(), src.getHeight())).getBounds2D();
        BufferedImage out = canvas((int) Math.ceil(r.getWidth()), (int) Math.ceil(r.getHeight()));
        AffineTransform placed = AffineTransform.getTranslateInstance(-r.getX(), -r.getY());
        placed.concatenate(t);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, placed, null);
        g.dispose();
        return out;
    }

    public static GrayImage gray(BufferedImage img) {
        return GrayImages.fromBufferedImage(img, "drawn");
    }

    /** The bounding box of pixels at or below the threshold, or null. */
    public static Box inkBox(GrayImage img, float threshold) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                if (img.get(x, y) <= threshold) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }
}
