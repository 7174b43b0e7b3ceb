package dev.ductus.testsupport;

import dev.ductus.api.data.Sample;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small printed text lines drawn with an AWT font at a fixed baseline, so they come out already "height
 * normalised" with a known LineGeometry: a stand-in for preprocessed handwriting in unit tests.
 */
public final class RenderedLines {
    public static final int HEIGHT = 32;
    public static final String FONT = "DejaVu Sans";
    private static final int BASELINE = 23;
    public static final List<String> WORDS = List.of("the", "one", "sea", "rain", "tree", "hat", "stone", "note",
            "ear", "oat", "nest", "heat", "rose", "toast", "honest", "other", "earth", "roast", "son", "tea");

    private RenderedLines() {
    }

    /** The text in {@link #FONT}. */
    public static GrayImage render(String text, float size, int extraSpacing) {
        return render(text, FONT, size, extraSpacing);
    }

    public static GrayImage render(String text, String fontName, float size, int extraSpacing) {
        Font font = new Font(fontName, Font.PLAIN, 1).deriveFont(size);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        int width = (int) Math.ceil(font.getStringBounds(text, frc).getWidth()) + 8 + extraSpacing * text.length();
        BufferedImage img = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(font);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        float x = 4;
        for (int i = 0; i < text.length(); i++) {
            String ch = text.substring(i, i + 1);
            g.drawString(ch, x, BASELINE);
            x += (float) font.getStringBounds(ch, frc).getWidth() + extraSpacing;
        }
        g.dispose();
        float[] p = new float[width * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int xx = 0; xx < width; xx++) p[y * width + xx] = img.getRaster().getSample(xx, y, 0) / 255f;
        }
        int xHeight = (int) Math.round(font.createGlyphVector(frc, "x").getVisualBounds().getHeight());
        int ascent = (int) Math.round(font.createGlyphVector(frc, "h").getVisualBounds().getHeight());
        LineGeometry geometry = new LineGeometry(Math.max(0, BASELINE - ascent), BASELINE - xHeight, BASELINE - 1,
                HEIGHT - 1);
        return new GrayImage(width, HEIGHT, p, geometry, "rendered:" + text);
    }

    /** Lines of 1-3 random {@link #WORDS} in {@link #FONT}. */
    public static List<Sample> samples(String prefix, int count, long seed) {
        return samples(prefix, WORDS, count, FONT, seed);
    }

    /** Lines of 1-3 random words of the vocabulary, drawn with the font at slightly varying sizes and spacings. */
    public static List<Sample> samples(String prefix, List<String> vocabulary, int count, String font, long seed) {
        Random r = new Random(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int words = 1 + r.nextInt(3);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) sb.append(' ');
                sb.append(vocabulary.get(r.nextInt(vocabulary.size())));
            }
            String text = sb.toString();
            float size = 17 + r.nextFloat() * 2;
            int spacing = r.nextInt(2);
            GrayImage image = render(text, font, size, spacing);
            out.add(new Sample(prefix + i, text, "rendered", () -> image));
        }
        return out;
    }
}
