package dev.ductus.hybrid;

import dev.ductus.api.data.Dataset;
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
 * Small printed text lines drawn with an AWT font at a fixed baseline, already "height normalised": a stand-in
 * for preprocessed handwriting in unit tests (as in the gmm-hmm bundle's tests).
 */
public final class RenderedLines {
    public static final int HEIGHT = 32;
    private static final int BASELINE = 23;
    public static final List<String> WORDS = List.of("the", "one", "sea", "rain", "tree", "hat", "stone", "note",
            "ear", "oat", "nest", "heat", "rose", "toast", "honest", "other", "earth", "roast", "son", "tea");

    private RenderedLines() {
    }

    public static GrayImage render(String text, float size, int extraSpacing) {
        Font font = new Font("DejaVu Sans", Font.PLAIN, 1).deriveFont(size);
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
        LineGeometry geometry = new LineGeometry(Math.max(0, BASELINE - ascent), BASELINE - xHeight, BASELINE - 1, HEIGHT - 1);
        return new GrayImage(width, HEIGHT, p, geometry, "rendered:" + text);
    }

    /** Lines of 1-3 random words, at slightly varying sizes and spacings. */
    public static List<Sample> samples(String prefix, int count, long seed) {
        Random r = new Random(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int words = 1 + r.nextInt(3);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) sb.append(' ');
                sb.append(WORDS.get(r.nextInt(WORDS.size())));
            }
            String text = sb.toString();
            GrayImage image = render(text, 17 + r.nextFloat() * 2, r.nextInt(2));
            out.add(new Sample(prefix + i, text, "rendered", () -> image));
        }
        return out;
    }

    /** A dataset over samples held in memory. */
    public record ListDataset(String name, String split, List<Sample> samples) implements Dataset {
    }
}
