package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import dev.ductus.image.DrawnText;
import dev.ductus.image.NoisyScans;
import java.awt.Font;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class BaselineDetectorTest {
    @Test
    void findsTheBaselineAndMeanLineOfDrawnText() {
        int[] sizes = {24, 36, 48, 64};
        double baselineError = 0;
        double meanLineError = 0;
        for (int i = 0; i < sizes.length; i++) {
            for (Font font : new Font[] {DrawnText.font(sizes[i]), new Font(Font.SERIF, Font.PLAIN, sizes[i])}) {
                DrawnText.Line line = DrawnText.line(DrawnText.words(i, 6), font, 8);
                LineGeometry g = new BaselineDetector().detect(DrawnText.gray(line.image()));
                int trueMeanLine = line.baseline() - line.xHeight();
                System.out.printf(Locale.ROOT, "baseline: %s %d px: baseline %d (true %d), mean line %d (true %d)%n",
                        font.getFamily(), sizes[i], g.baseline(), line.baseline(), g.coreTop(), trueMeanLine);
                assertEquals(line.baseline(), g.baseline(), 2, "baseline of " + font);
                assertEquals(trueMeanLine, g.coreTop(), 3, "mean line of " + font);
                assertTrue(g.top() < g.coreTop() && g.bottom() > g.baseline(), "ascenders and descenders: " + g);
                baselineError += Math.abs(g.baseline() - line.baseline());
                meanLineError += Math.abs(g.coreTop() - trueMeanLine);
            }
        }
        System.out.printf(Locale.ROOT, "baseline: mean |error| baseline %.2f px, mean line %.2f px%n",
                baselineError / (2 * sizes.length), meanLineError / (2 * sizes.length));
    }

    @Test
    void aLineWithoutAscendersOrDescendersIsAllCore() {
        DrawnText.Line line = DrawnText.line("ox ax ex once our noun", DrawnText.font(40), 6);
        LineGeometry g = new BaselineDetector().detect(DrawnText.gray(line.image()));
        assertEquals(line.baseline(), g.baseline(), 2);
        assertTrue(g.coreTop() - g.top() <= 2, "no ascender zone expected: " + g);
        assertTrue(g.bottom() - g.baseline() <= 2, "no descender zone expected: " + g);
    }

    @Test
    void referenceProfileGivesTheHandWorkedZones() {
        // rows 0-1 ascender stems (1 px), rows 2-5 core (10 px), rows 6-7 descender (1 px), width 12
        boolean[] ink = new boolean[12 * 8];
        for (int y = 0; y < 8; y++) {
            int n = y >= 2 && y <= 5 ? 10 : 1;
            for (int x = 0; x < n; x++) ink[y * 12 + x] = true;
        }
        LineGeometry g = new BaselineDetector().detect(new InkMask(12, 8, ink));
        assertEquals(new LineGeometry(0, 2, 6, 8), g);
    }

    @Test
    void blankImageIsAnInputErrorNamingTheSource() {
        assertNull(new BaselineDetector().detect(new InkMask(5, 5, new boolean[25])));
        GrayImage blank = GrayImage.blank(30, 10).withSource("blank.png");
        InputException e = assertThrows(InputException.class, () -> new BaselineDetector().detect(blank));
        assertTrue(e.getMessage().contains("blank.png") && e.getMessage().contains("no ink"), e.getMessage());
    }

    @Test
    void findsTheReferenceLinesOfFadedNoisyScans() {
        for (Font font : new Font[] {DrawnText.font(36), new Font(Font.SERIF, Font.PLAIN, 54)}) {
            DrawnText.Line line = DrawnText.line(DrawnText.words(3, 6), font, 20);
            GrayImage clean = DrawnText.gray(line.image());
            Box ink = DrawnText.inkBox(clean, 0.5f);
            for (GrayImage scan : new GrayImage[] {NoisyScans.degrade(clean, 4), NoisyScans.speckle(clean, 0.01, 4)}) {
                GrayImage img = new ContrastEnhancer().enhance(scan).image();
                LineGeometry g = new BaselineDetector().detect(img);
                int trueMeanLine = line.baseline() - line.xHeight();
                System.out.printf(Locale.ROOT, "baseline %s %s %d px: %s (true baseline %d, mean line %d, ink rows %d..%d)%n",
                        scan.source(), font.getFamily(), font.getSize(), g, line.baseline(), trueMeanLine, ink.y(), ink.bottom());
                assertEquals(line.baseline(), g.baseline(), 2, scan.source() + " baseline of " + font);
                assertEquals(trueMeanLine, g.coreTop(), 3, scan.source() + " mean line of " + font);
                assertEquals(ink.y(), g.top(), 3, scan.source() + " top of " + font);
                assertEquals(ink.bottom(), g.bottom(), 3, scan.source() + " bottom of " + font);
            }
        }
    }
}
