package dev.ductus.features.handcrafted;

import static dev.ductus.features.handcrafted.HandcraftedFeatures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import dev.ductus.features.Images;
import dev.ductus.features.window.SlidingWindow;
import org.junit.jupiter.api.Test;

class HandcraftedFeaturesTest {
    private static final int W = 12;
    private static final int H = 32;
    private static final LineGeometry GEOMETRY = new LineGeometry(0, 10, 21, 31);
    private final HandcraftedFeatures features = new HandcraftedFeatures();

    /** The values of frame k (window 3/3) of an image. */
    private float[] frame(GrayImage img, int k) {
        float[] all = features.extract(img, new SlidingWindow(3, 3));
        float[] f = new float[DIMENSION];
        System.arraycopy(all, k * DIMENSION, f, 0, DIMENSION);
        return f;
    }

    @Test
    void everyValueIsDescribedOnce() {
        assertEquals(DIMENSION, DESCRIPTIONS.size());
        for (int i = 0; i < DIMENSION; i++) assertTrue(DESCRIPTIONS.get(i).startsWith(i + " "), DESCRIPTIONS.get(i));
    }

    @Test
    void allWhiteFrame() {
        float[] f = frame(Images.image(W, H, Images.white(W, H), GEOMETRY), 1);
        float coreCentre = (10 + 22) / 2f / H;
        for (int i = 0; i < DIMENSION; i++) {
            switch (i) {
                case CENTRE_OF_GRAVITY, UPPER_CONTOUR, LOWER_CONTOUR -> assertEquals(coreCentre, f[i], 1e-6, DESCRIPTIONS.get(i));
                case COG_TO_BASELINE -> assertEquals(0.5f, f[i], 1e-6);
                case COG_TO_CORE_TOP -> assertEquals(-0.5f, f[i], 1e-6);
                default -> assertEquals(0f, f[i], 0f, DESCRIPTIONS.get(i));
            }
        }
    }

    @Test
    void fullBlackFrame() {
        float[] f = frame(Images.image(W, H, new float[W * H], GEOMETRY), 1);
        for (int i = DENSITY; i < CELLS + 16; i++) assertEquals(1f, f[i], 1e-6, DESCRIPTIONS.get(i));
        assertEquals(0.5f, f[CENTRE_OF_GRAVITY], 1e-6);
        assertEquals(Math.sqrt((H * H - 1) / 12.0) / H, f[MOMENT], 1e-6);
        assertEquals(0.5f / H, f[UPPER_CONTOUR], 1e-6);
        assertEquals((H - 0.5f) / H, f[LOWER_CONTOUR], 1e-6);
        assertEquals(1f, f[TRANSITIONS], 0f);
        assertEquals(1f, f[BETWEEN_CONTOURS], 0f);
        for (int i = 0; i < 3; i++) assertEquals(1f, f[SUB_COLUMNS + i], 1e-6);
        for (int i = 0; i < 8; i++) assertEquals(0f, f[CONFIGURATIONS + i], 0f, DESCRIPTIONS.get(CONFIGURATIONS + i));
        // inside the core zone there is no edge at all; the frame's only edges are the image's top and bottom
        for (int b = 0; b < 8; b++) assertEquals(0f, f[CORE_GRADIENTS + b], 0f);
        assertTrue(f[GRADIENTS + 6] > 0 && f[GRADIENTS + 2] > 0);
        assertEquals(f[GRADIENTS + 6], f[GRADIENTS + 2], 1e-6);
    }

    @Test
    void horizontalBarGivesItsCentreOfGravityAndEdgeDirections() {
        float[] p = Images.white(W, H);
        Images.ink(p, W, 0, W, 10, 14); // rows 10..13, centre 12.0
        float[] f = frame(Images.image(W, H, p, GEOMETRY), 1);
        assertEquals(12f / H, f[CENTRE_OF_GRAVITY], 1e-6);
        assertEquals(Math.sqrt(1.25) / H, f[MOMENT], 1e-6);
        assertEquals(10.5f / H, f[UPPER_CONTOUR], 1e-6);
        assertEquals(13.5f / H, f[LOWER_CONTOUR], 1e-6);
        assertEquals(0f, f[UPPER_SLOPE], 0f);
        assertEquals(1f, f[TRANSITIONS], 0f);
        assertEquals(1f, f[BETWEEN_CONTOURS], 0f);
        assertEquals((22 - 12f) / 12, f[COG_TO_BASELINE], 1e-6);
        assertEquals((10 - 12f) / 12, f[COG_TO_CORE_TOP], 1e-6);
        assertEquals(4f / 12, f[2], 1e-6); // core density: 4 of 12 core rows
        assertEquals(0f, f[1], 0f);
        assertEquals(0f, f[3], 0f);
        // band 2 (rows 8..11) has rows 10 and 11 inked; band 3 (rows 12..15) rows 12 and 13
        assertEquals(0.5f, f[CELLS + 4], 1e-6);
        assertEquals(0.5f, f[CELLS + 7], 1e-6);
        assertEquals(0f, f[CELLS], 0f);
        // top edge: ink darkens downwards (270 deg, bin 6); bottom edge: upwards (90 deg, bin 2); nothing else
        assertTrue(f[GRADIENTS + 6] > 0);
        assertEquals(f[GRADIENTS + 6], f[GRADIENTS + 2], 1e-6);
        for (int b : new int[] {0, 1, 3, 4, 5, 7}) assertEquals(0f, f[GRADIENTS + b], 0f, "bin " + b);
        assertEquals(2f * 3 / (3 * (H - 1)), f[CONFIGURATIONS + 7], 1e-6); // two horizontal edges per column
    }

    @Test
    void verticalEdgeGivesGradientBinFour() {
        float[] p = Images.white(W, H);
        Images.ink(p, W, 0, 4, 0, H); // ink in columns 0..3: the frame 3..5 sees the edge at 3|4
        float[] f = frame(Images.image(W, H, p, GEOMETRY), 1);
        assertTrue(f[CORE_GRADIENTS + 4] > 0);
        for (int b = 0; b < 8; b++) if (b != 4) assertEquals(0f, f[CORE_GRADIENTS + b], 0f, "bin " + b);
        // left third is the inked column 3, the others are white
        assertEquals(1f, f[SUB_COLUMNS], 1e-6);
        assertEquals(0f, f[SUB_COLUMNS + 1], 1e-6);
        assertEquals(0f, f[SUB_COLUMNS + 2], 1e-6);
        assertEquals(1f / 3, f[DENSITY], 1e-6);
        assertEquals(1f / 3, f[CONFIGURATIONS + 6], 1e-6); // vertical-edge blocks start in column 3 only
    }

    @Test
    void inkAboveTheCoreCountsInTheUpperZone() {
        float[] p = Images.white(W, H);
        Images.ink(p, W, 3, 6, 2, 6);
        float[] f = frame(Images.image(W, H, p, GEOMETRY), 1);
        assertEquals(12f / 30, f[1], 1e-6); // 12 inked pixels over 10 rows x 3 columns
        assertEquals(0f, f[2], 0f);
        assertEquals(0f, f[3], 0f);
        assertTrue(f[COG_TO_BASELINE] > 1.0f);
        assertTrue(f[COG_TO_CORE_TOP] > 0f);
    }

    @Test
    void withoutGeometryTheZonesAreThirds() {
        float[] p = Images.white(W, 30);
        Images.ink(p, W, 0, W, 25, 30);
        float[] f = frame(Images.image(W, 30, p, null), 1);
        assertEquals(0.5f, f[3], 1e-6); // 5 of the 10 lower rows
        assertEquals(0f, f[2], 0f);
    }

    @Test
    void risingStrokeHasNegativeContourSlope() {
        float[] p = Images.white(W, H);
        for (int x = 0; x < W; x++) Images.ink(p, W, x, x + 1, 20 - x, 22 - x); // rises to the right
        float[] all = features.extract(Images.image(W, H, p, GEOMETRY), new SlidingWindow(3, 3));
        // frame 1 sees rows (20-3..)..; contours move up 3 rows per frame
        assertEquals(-3f / H, all[DIMENSION + UPPER_SLOPE], 1e-6);
        assertEquals(-3f / H, all[DIMENSION + LOWER_SLOPE], 1e-6);
        assertEquals(0f, all[UPPER_SLOPE], 0f); // first frame: no left neighbour
    }

    @Test
    void concaveCornersAndDiagonals() {
        int w = 6;
        int h = 6;
        float[] p = Images.white(w, h);
        Images.ink(p, w, 0, 1, 0, 1);
        Images.ink(p, w, 1, 2, 1, 2); // a '\' diagonal pair at (0,0),(1,1)
        float[] f = new HandcraftedFeatures().extract(Images.image(w, h, p, null), new SlidingWindow(1, 1));
        // in frame 0 (column 0) the block at y=0 is "1 0 / 0 1"
        assertEquals(1f / (h - 1), f[CONFIGURATIONS + 4], 1e-6);
        assertEquals(0f, f[CONFIGURATIONS + 5], 0f);
        Images.ink(p, w, 1, 2, 0, 1); // now (0,0),(1,0),(1,1): open at the bottom-left
        f = new HandcraftedFeatures().extract(Images.image(w, h, p, null), new SlidingWindow(1, 1));
        assertEquals(1f / (h - 1), f[CONFIGURATIONS + 2], 1e-6);
    }

    @Test
    void gradientBinConvention() {
        assertEquals(0, GradientHistogram.bin(1, 0));
        assertEquals(2, GradientHistogram.bin(0, 1));
        assertEquals(4, GradientHistogram.bin(-1, 0));
        assertEquals(6, GradientHistogram.bin(0, -1));
        assertEquals(1, GradientHistogram.bin(1, 1));
        assertEquals(4, GradientHistogram.bin(-1, -0.1));
    }
}
