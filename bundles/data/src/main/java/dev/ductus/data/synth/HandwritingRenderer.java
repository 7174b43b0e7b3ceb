package dev.ductus.data.synth;

import dev.ductus.api.Box;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a text line with a handwriting font so that it looks written rather than typeset: every glyph gets its
 * own baseline offset, rotation, scale, spacing and pen width on a wavy, tilted, slanted line; the ink is then
 * bent by an elastic distortion. The result is ink coverage ({@link InkMap}) cropped around the ink with a
 * margin, plus the baseline row, before paper and ink appearance are applied.
 */
public final class HandwritingRenderer {
    /** A rendered line: ink, and the row of its (mean) baseline in the ink map. */
    public record InkLine(InkMap ink, int baseline) {
    }

    private HandwritingRenderer() {
    }

    public static InkLine render(String text, HandwritingFont writer, WritingStyle style, SplittableRandom r) {
        Font font = writer.sizedForXHeight(style.xHeight());
        GlyphVector gv = font.layoutGlyphVector(HandwritingFont.CONTEXT, text.toCharArray(), 0, text.length(),
                Font.LAYOUT_LEFT_TO_RIGHT);
        double size = style.xHeight();
        List<Shape> shapes = new ArrayList<>();
        List<Float> pens = new ArrayList<>();
        double shift = 0;
        int glyphs = gv.getNumGlyphs();
        for (int i = 0; i < glyphs; i++) {
            Shape outline = gv.getGlyphOutline(i);
            Rectangle2D b = outline.getBounds2D();
            Point2D pos = gv.getGlyphPosition(i);
            boolean blank = b.isEmpty();
            int ch = charOf(gv, i, text);
            if (ch == ' ') shift += style.wordSpacing() * (0.6 + 0.8 * r.nextDouble());
            shift += style.spacingJitter() * gaussian(r);
            if (blank) continue;
            double cx = b.getCenterX();
            double x = pos.getX() + shift;
            double dy = style.waveAmplitude() * Math.sin(2 * Math.PI * x / style.wavePeriod() + style.wavePhase())
                    + Math.tan(style.lineAngle()) * x + style.baselineJitter() * gaussian(r);
            double scale = 1 + style.scaleJitter() * gaussian(r);
            double angle = style.rotationJitter() * gaussian(r);
            AffineTransform t = new AffineTransform();
            // Applied right to left: scale and rotate the glyph about its foot, shift it, then slant the line.
            t.shear(-style.shear(), 0);
            t.translate(shift, dy);
            t.rotate(angle, cx, 0);
            t.translate(cx, 0);
            t.scale(scale, scale);
            t.translate(-cx, 0);
            shapes.add(t.createTransformedShape(outline));
            pens.add((float) Math.max(0, style.penWidth() + style.penJitter() * gaussian(r)));
        }
        Rectangle2D bounds = null;
        for (Shape s : shapes) {
            Rectangle2D b = s.getBounds2D();
            bounds = bounds == null ? b : bounds.createUnion(b);
        }
        if (bounds == null) throw new IllegalArgumentException("nothing to draw for '" + text + "'");
        int pad = (int) Math.ceil(4 + style.penWidth() + 2 * style.elasticAlpha() + 0.3 * size);
        int w = (int) Math.ceil(bounds.getWidth()) + 2 * pad;
        int h = (int) Math.ceil(bounds.getHeight()) + 2 * pad;
        double ox = pad - bounds.getX();
        double oy = pad - bounds.getY();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.translate(ox, oy);
            g.setColor(Color.WHITE);
            for (int i = 0; i < shapes.size(); i++) {
                g.fill(shapes.get(i));
                float pen = pens.get(i);
                if (pen > 0.05f) {
                    g.setStroke(new BasicStroke(pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(shapes.get(i));
                }
            }
        } finally {
            g.dispose();
        }
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        float[] ink = new float[w * h];
        for (int i = 0; i < ink.length; i++) ink[i] = (data[i] & 0xff) / 255f;
        InkMap map = ElasticDistortion.apply(new InkMap(w, h, ink), style.elasticAlpha(), style.elasticCell(), r);
        int baseline = (int) Math.round(oy);
        Box box = map.inkBox(0.05f);
        if (box == null) throw new IllegalArgumentException("no ink left for '" + text + "'");
        int margin = (int) Math.round(0.25 * size + r.nextInt(Math.max(1, (int) (0.4 * size))));
        InkMap cropped = map.crop(box.x() - margin, box.y() - margin, box.width() + 2 * margin, box.height() + 2 * margin);
        return new InkLine(cropped, baseline - box.y() + margin);
    }

    private static int charOf(GlyphVector gv, int glyph, String text) {
        int index = gv.getGlyphCharIndex(glyph);
        return index >= 0 && index < text.length() ? text.charAt(index) : -1;
    }

    private static double gaussian(SplittableRandom r) {
        // Clipped so that a rare outlier cannot throw a glyph off the line.
        return Math.max(-2.5, Math.min(2.5, r.nextGaussian()));
    }
}
