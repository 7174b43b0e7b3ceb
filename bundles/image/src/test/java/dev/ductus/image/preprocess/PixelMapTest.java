package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LinePlacement;
import dev.ductus.api.image.PixelMap;
import org.junit.jupiter.api.Test;

/** The pixel map's parts and their composition, worked out by hand. */
class PixelMapTest {
    @Test
    void aFreshImageIsItsOwnSource() {
        GrayImage img = GrayImage.blank(7, 5);
        assertTrue(img.pixelMap().isIdentity());
        assertEquals(7, img.pixelMap().sourceWidth());
        assertEquals(5, img.pixelMap().sourceHeight());
        assertArrayEquals(new double[] {3.25, 4.5}, img.pixelMap().toSource(3.25, 4.5), 0);
    }

    @Test
    void theLastStepsPartIsUndoneFirst() {
        // crop at (10, 0), then double the size: output (1, 1) is (0.5, 0.5) of the crop, (10.5, 0.5) of the source
        PixelMap m = PixelMap.identity(100, 50).translate(10, 0).affine(0.5, 0, 0, 0, 0.5, 0);
        assertArrayEquals(new double[] {10.5, 0.5}, m.toSource(1, 1), 1e-12);
        // the other order: halve first, then crop
        PixelMap other = PixelMap.identity(100, 50).affine(0.5, 0, 0, 0, 0.5, 0).translate(10, 0);
        assertArrayEquals(new double[] {5.5, 0.5}, other.toSource(1, 1), 1e-12);
        assertEquals(100, m.sourceWidth());
    }

    @Test
    void zonesArePiecewiseLinearInYWithOneXFactor() {
        // output rows 0 | 12 | 28 | 40 come from input rows 5 | 20 | 36 | 60
        PixelMap m = PixelMap.identity(200, 80).zones(new double[] {0, 12, 28, 40}, new double[] {5, 20, 36, 60}, 2);
        assertArrayEquals(new double[] {20, 5}, m.toSource(10, 0), 1e-12);
        assertArrayEquals(new double[] {20, 12.5}, m.toSource(10, 6), 1e-12);
        assertArrayEquals(new double[] {20, 28}, m.toSource(10, 20), 1e-12);
        assertArrayEquals(new double[] {20, 48}, m.toSource(10, 34), 1e-12);
        assertArrayEquals(new double[] {20, 60}, m.toSource(10, 40), 1e-12);
        // beyond the knots the end segments go on
        assertArrayEquals(new double[] {0, 62}, m.toSource(0, 41), 1e-12);
        assertArrayEquals(new double[] {0, 3.75}, m.toSource(0, -1), 1e-12);
    }

    @Test
    void anEmptyZoneIsSkipped() {
        // no ascender rows in the output (a repeated knot), a flat descender zone in the input
        PixelMap m = PixelMap.identity(50, 50).zones(new double[] {0, 0, 16, 28}, new double[] {4, 10, 26, 26}, 1);
        assertArrayEquals(new double[] {0, 10}, m.toSource(0, 0), 1e-12);
        assertArrayEquals(new double[] {0, 18}, m.toSource(0, 8), 1e-12);
        assertArrayEquals(new double[] {0, 26}, m.toSource(0, 22), 1e-12);
    }

    @Test
    void badPartsAreRefused() {
        PixelMap m = PixelMap.identity(10, 10);
        assertThrows(IllegalArgumentException.class, () -> m.zones(new double[] {0, 5}, new double[] {0}, 1));
        assertThrows(IllegalArgumentException.class, () -> m.zones(new double[] {0, 5, 3}, new double[] {0, 1, 2}, 1));
        assertThrows(IllegalArgumentException.class, () -> m.zones(new double[] {0, 5}, new double[] {0, 1}, 0));
        assertThrows(IllegalArgumentException.class, () -> m.affine(1, 0, Double.NaN, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> PixelMap.identity(0, 10));
        assertSame(m, m.translate(0, 0));
    }

    @Test
    void aPlacementMapsColumnSpansOverTheFullHeightAndClampsToTheSource() {
        // a 40-row line that is the source's rows 10..50 at half the scale, cropped at x = 30
        PixelMap m = PixelMap.identity(100, 60).translate(30, 10).affine(0.5, 0, 0, 0, 0.5, 0);
        LinePlacement p = new LinePlacement(m, 80, 80, 56);
        double[][] poly = p.columns(10, 20);
        assertArrayEquals(new double[] {35, 10}, poly[0], 1e-12);
        assertArrayEquals(new double[] {40, 10}, poly[1], 1e-12);
        assertArrayEquals(new double[] {40, 50}, poly[2], 1e-12);
        assertArrayEquals(new double[] {35, 50}, poly[3], 1e-12);
        assertEquals(new dev.ductus.api.Box(35, 10, 5, 40), p.bounds(poly));
        // column 160 would be x = 110, beyond the 100-pixel source
        assertEquals(100, p.columns(150, 160)[1][0], 0);
        double[][] baseline = p.baselinePoints(3);
        assertArrayEquals(new double[] {30, 38}, baseline[0], 1e-12);
        assertArrayEquals(new double[] {50, 38}, baseline[1], 1e-12);
        assertArrayEquals(new double[] {70, 38}, baseline[2], 1e-12);
        assertEquals(null, new LinePlacement(m, 80, 80, Double.NaN).baselinePoints(3));
    }
}
