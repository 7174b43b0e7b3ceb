package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import dev.ductus.image.DrawnText;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HeightNormalizerTest {
    private static final HeightNormalizer.Zones ZONES = new HeightNormalizer.Zones(12, 16, 12);

    @Test
    void putsTheCoreZoneOnTheConfiguredRows() {
        for (int size : new int[] {28, 44, 70}) {
            DrawnText.Line line = DrawnText.line(DrawnText.words(size, 5), DrawnText.font(size), 6);
            GrayImage img = DrawnText.gray(line.image());
            LineGeometry g = new BaselineDetector().detect(img);
            GrayImage out = HeightNormalizer.zones(img, g, ZONES);
            assertEquals(40, out.height());
            assertEquals(new LineGeometry(0, 12, 28, 40), out.geometry());
            assertEquals(Math.round(img.width() * 16.0 / g.coreHeight()), out.width());
            // the drawn text's own core, found again in the output, sits on rows 12..28
            LineGeometry again = new BaselineDetector().detect(out);
            System.out.printf(Locale.ROOT, "normalize: %d px font, core %d px -> rows %d..%d%n", size, g.coreHeight(),
                    again.coreTop(), again.baseline());
            assertEquals(12, again.coreTop(), 2);
            assertEquals(28, again.baseline(), 2);
        }
    }

    @Test
    void zoneMappingAveragesHandWorkedRows() {
        // 1 column, 8 rows: ascender rows 0-1 (0.2, 0.4), core rows 2-5 (0.0, 0.2, 0.4, 0.6), descender 6-7
        float[] p = {0.2f, 0.4f, 0f, 0.2f, 0.4f, 0.6f, 1f, 0.5f};
        GrayImage img = new GrayImage(1, 8, p);
        GrayImage out = HeightNormalizer.zones(img, new LineGeometry(0, 2, 6, 8), new HeightNormalizer.Zones(1, 2, 1));
        // ascender: mean(0.2, 0.4); core halves: mean(0, 0.2), mean(0.4, 0.6); descender: mean(1, 0.5)
        assertArrayEquals(new float[] {0.3f, 0.1f, 0.5f, 0.75f}, out.pixels(), 1e-6f);
        assertEquals(new LineGeometry(0, 1, 3, 4), out.geometry());
    }

    @Test
    void emptyZonesBecomeWhiteRows() {
        GrayImage img = new GrayImage(2, 4, new float[8]);
        GrayImage out = HeightNormalizer.zones(img, new LineGeometry(0, 0, 4, 4), new HeightNormalizer.Zones(1, 4, 1));
        assertEquals(2, out.width());
        assertArrayEquals(new float[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1}, out.pixels(), 1e-6f);
    }

    @Test
    void uniformModeKeepsTheAspectRatio() {
        GrayImage img = DrawnText.gray(DrawnText.line("uniform height", DrawnText.font(40), 5).image());
        GrayImage out = HeightNormalizer.uniform(img, 64);
        assertEquals(64, out.height());
        assertEquals(Math.round(img.width() * 64.0 / img.height()), out.width());
    }

    @Test
    void uniformDownscaleIsAnAreaAverage() {
        float[] p = {
            0, 1, 0.5f, 0.5f,
            0.2f, 0.4f, 0.6f, 0.8f,
            1, 1, 0, 0,
            0.5f, 0.5f, 0.1f, 0.3f};
        GrayImage out = HeightNormalizer.uniform(new GrayImage(4, 4, p), 2);
        assertEquals(2, out.width());
        assertArrayEquals(new float[] {1.6f / 4, 2.4f / 4, 3f / 4, 0.4f / 4}, out.pixels(), 1e-6f);
    }

    @Test
    void aCollapsedCoreIsAnInputError() {
        GrayImage img = GrayImage.blank(10, 10).withSource("line.png");
        InputException e = assertThrows(InputException.class,
                () -> HeightNormalizer.zones(img, new LineGeometry(0, 5, 6, 10), ZONES));
        assertEquals("line.png", e.source());
    }
}
