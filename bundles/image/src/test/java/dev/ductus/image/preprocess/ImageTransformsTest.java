package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import org.junit.jupiter.api.Test;

/** Rotation and shear on tiny images whose results can be worked out by hand. */
class ImageTransformsTest {
    @Test
    void quarterTurnCounterClockwiseMovesTheRightColumnToTheTop() {
        // 3x2:  a b c        after 90 deg counter-clockwise (on screen), 2x3:  c f
        //       d e f                                                        b e
        //                                                                    a d
        GrayImage img = new GrayImage(3, 2, new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f});
        GrayImage out = ImageRotation.rotate(img, 90);
        assertEquals(2, out.width());
        assertEquals(3, out.height());
        assertArrayEquals(new float[] {0.3f, 0.6f, 0.2f, 0.5f, 0.1f, 0.4f}, out.pixels(), 1e-5f);
    }

    @Test
    void rotationGrowsTheCanvasAndFillsWhite() {
        GrayImage black = new GrayImage(20, 10, new float[200]);
        GrayImage out = ImageRotation.rotate(black, 30);
        assertEquals((int) Math.ceil(20 * Math.cos(Math.PI / 6) + 10 * 0.5 - 1e-6), out.width());
        assertEquals(1f, out.get(0, 0), 1e-6f);
        assertEquals(0f, out.get(out.width() / 2, out.height() / 2), 1e-6f);
        assertSame(black, ImageRotation.rotate(black, 0));
    }

    @Test
    void shearMovesEachRowByItsOffset() {
        // 45 deg: row y moves right by y columns
        GrayImage img = new GrayImage(2, 3, new float[] {0, 0.5f, 0, 0.5f, 0, 0.5f}, new LineGeometry(0, 1, 2, 3), "s");
        GrayImage out = ImageShear.shear(img, 45);
        assertEquals(4, out.width());
        assertArrayEquals(new float[] {
            0, 0.5f, 1, 1,
            1, 0, 0.5f, 1,
            1, 1, 0, 0.5f}, out.pixels(), 1e-5f);
        assertEquals(img.geometry(), out.geometry());
    }

    @Test
    void negativeShearMovesUpperRowsRight() {
        GrayImage img = new GrayImage(1, 3, new float[] {0, 0, 0});
        GrayImage out = ImageShear.shear(img, -45);
        assertArrayEquals(new float[] {1, 1, 0, 1, 0, 1, 0, 1, 1}, out.pixels(), 1e-5f);
    }

    @Test
    void rotationAndShearCanFillWithThePapersGray() {
        float[] p = new float[200];
        java.util.Arrays.fill(p, 0.7f);
        p[105] = 0.1f;
        GrayImage gray = new GrayImage(20, 10, p);
        GrayImage rotated = ImageRotation.rotate(gray, 30, 0.7f);
        assertEquals(0.7f, rotated.get(0, 0), 1e-6f);
        assertEquals(0.7f, rotated.get(rotated.width() - 1, rotated.height() - 1), 1e-6f);
        // interpolation at the border blends with the fill, not with white: no pixel is brighter than the paper
        for (float v : rotated.pixels()) assertEquals(true, v <= 0.7f + 1e-6f);
        GrayImage sheared = ImageShear.shear(gray, 20, 0.7f);
        for (float v : sheared.pixels()) assertEquals(true, v <= 0.7f + 1e-6f);
        assertEquals(0.7f, sheared.get(0, 9), 1e-6f);
    }
}
