package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Box;
import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineRegion;
import dev.ductus.image.DrawnText;
import dev.ductus.image.NoisyScans;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ProjectionLineSegmenterTest {
    @Test
    void findsThreeToEightLinesWithTouchingAscendersAndDescenders() {
        for (int n = 3; n <= 8; n++) {
            // pitch 31 px for a 32 px font: descenders of one line reach the ascenders of the next
            DrawnText.Paragraph p = DrawnText.paragraph(n, DrawnText.font(32), 31, 0);
            check(p, n, "tight, level");
        }
    }

    @Test
    void followsASkewedPage() {
        for (int n : new int[] {3, 5, 8}) {
            DrawnText.Paragraph p = DrawnText.paragraph(n, DrawnText.font(30), 34, n % 2 == 0 ? 2.5 : -3);
            check(p, n, "skewed");
        }
    }

    @Test
    void eachLineImageHoldsOnlyItsOwnInk() {
        DrawnText.Paragraph p = DrawnText.paragraph(4, DrawnText.font(32), 31, 0);
        GrayImage page = DrawnText.gray(p.image());
        List<LineRegion> lines = new ProjectionLineSegmenter().segment(page, new Notes());
        for (int i = 0; i < lines.size(); i++) {
            LineRegion line = lines.get(i);
            assertEquals(i, line.index());
            assertEquals(line.box().width(), line.image().width());
            assertEquals(line.box().height(), line.image().height());
            // the line image's pixel map places it on the page (issue 14)
            double[] corner = line.image().pixelMap().toSource(0, 0);
            assertEquals(line.box().x(), corner[0], 0);
            assertEquals(line.box().y(), corner[1], 0);
            assertEquals(page.width(), line.image().pixelMap().sourceWidth());
            // every pixel of the line image is either white or the page's own pixel at that place
            for (int y = 0; y < line.image().height(); y++) {
                for (int x = 0; x < line.image().width(); x++) {
                    float v = line.image().get(x, y);
                    assertTrue(v == 1f || v == page.get(line.box().x() + x, line.box().y() + y));
                }
            }
        }
        // the ink of all lines together is the ink of the page
        long pageInk = countInk(page);
        long linesInk = lines.stream().mapToLong(l -> countInk(l.image())).sum();
        assertEquals(pageInk, linesInk, pageInk * 0.01);
    }

    /** Two lines of 12x20 blocks, cores on rows 20-39 and 70-89, with a gap in line 2 at x 190-230. */
    private static float[] twoBlockLines(int w, int h) {
        float[] p = new float[w * h];
        java.util.Arrays.fill(p, 1f);
        for (int x = 20; x < 370; x += 20) {
            if (x != 200) fill(p, w, x, 20, 12, 20);
            if (x < 190 || x > 230) fill(p, w, x, 70, 12, 20);
        }
        return p;
    }

    @Test
    void aLongDescenderStaysWithItsOwnLine() {
        int w = 400;
        int h = 140;
        float[] p = twoBlockLines(w, h);
        // a 'g': body on line 1's core, a tail down to row 125, through line 2's band (most of its ink is there)
        fill(p, w, 200, 20, 10, 20);
        fill(p, w, 206, 40, 4, 86);
        List<LineRegion> lines = new ProjectionLineSegmenter(Binarizer.otsu(), 0, 4, 0.6)
                .segment(new GrayImage(w, h, p), new Notes());
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).box().bottom() >= 125, "the tail belongs to line 1: " + lines.get(0).box());
        assertEquals(70, lines.get(1).box().y() + 1, "line 2 starts at its own blocks: " + lines.get(1).box());
    }

    @Test
    void lettersOfTwoLinesThatTouchAreCutApart() {
        int w = 400;
        int h = 140;
        float[] p = twoBlockLines(w, h);
        // a descender of line 1 at x 108 runs into a block of line 2: one component across both lines
        fill(p, w, 108, 40, 4, 36);
        List<LineRegion> lines = new ProjectionLineSegmenter(Binarizer.otsu(), 0, 4, 0.6)
                .segment(new GrayImage(w, h, p), new Notes());
        assertEquals(2, lines.size());
        Box first = lines.get(0).box();
        Box second = lines.get(1).box();
        assertTrue(first.bottom() <= 60 && first.bottom() >= 41, "line 1 ends near the cut: " + first);
        assertTrue(second.y() >= 50 && second.y() <= 70, "line 2 starts near the cut: " + second);
        assertEquals(19, first.x());
        assertEquals(19, second.x());
    }

    private static void fill(float[] p, int w, int x0, int y0, int width, int height) {
        for (int y = y0; y < y0 + height; y++) for (int x = x0; x < x0 + width; x++) p[y * w + x] = 0f;
    }

    @Test
    void blankPageHasNoLines() {
        Notes notes = new Notes();
        assertEquals(List.of(), new ProjectionLineSegmenter().segment(GrayImage.blank(200, 100), notes));
        assertTrue(notes.toString().contains("0 lines"), notes.toString());
    }

    private static long countInk(GrayImage img) {
        long n = 0;
        for (float v : img.pixels()) if (v <= 0.5f) n++;
        return n;
    }

    private static void check(DrawnText.Paragraph p, int n, String what) {
        Notes notes = new Notes();
        List<LineRegion> lines = new ProjectionLineSegmenter().segment(DrawnText.gray(p.image()), notes);
        StringBuilder ious = new StringBuilder();
        assertEquals(n, lines.size(), what + " paragraph of " + n + " lines: " + notes);
        for (int i = 0; i < n; i++) {
            Box truth = p.lines().get(i);
            double iou = lines.get(i).box().iou(truth);
            ious.append(String.format(Locale.ROOT, " %.2f", iou));
            assertTrue(iou > 0.5, what + " line " + i + " of " + n + ": IoU " + iou + " box " + lines.get(i).box()
                    + " truth " + truth);
        }
        System.out.printf(Locale.ROOT, "segment %s %d lines: IoU%s (%s)%n", what, n, ious, notes);
    }

    @Test
    void segmentsNoisyAndSpeckledParagraphs() {
        for (double skew : new double[] {0, -2.5}) {
            NoisyScans.Paragraph p = NoisyScans.paragraph(4, DrawnText.font(28), 36, skew);
            for (GrayImage scan : new GrayImage[] {NoisyScans.degrade(p.clean(), 7), NoisyScans.speckle(p.clean(), 0.01, 7)}) {
                GrayImage page = new ContrastEnhancer().enhance(scan).image();
                Notes notes = new Notes();
                List<LineRegion> lines = new ProjectionLineSegmenter().segment(page, notes);
                StringBuilder ious = new StringBuilder();
                assertEquals(4, lines.size(), scan.source() + ": " + notes);
                for (int i = 0; i < 4; i++) {
                    double iou = lines.get(i).box().iou(p.lines().get(i));
                    ious.append(String.format(Locale.ROOT, " %.2f", iou));
                    assertTrue(iou > 0.7, scan.source() + " line " + i + ": IoU " + iou + " box " + lines.get(i).box()
                            + " truth " + p.lines().get(i));
                    // the line image keeps the strokes, not the paper's noise
                    assertTrue(NoisyScans.darkFraction(lines.get(i).image(), 0.5f) < 0.25, scan.source() + " line " + i);
                }
                System.out.printf(Locale.ROOT, "segment %s skew %.1f: IoU%s (%s)%n", scan.source(), skew, ious, notes);
            }
        }
    }
}
