package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ductus.api.Box;
import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import dev.ductus.api.image.PixelMap;
import dev.ductus.image.step.BinarizeStep;
import dev.ductus.image.step.ContrastStep;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Reference test of each pixel-moving step's map: dots are pushed through the step's real resampling (the forward
 * transform), found again in its output by their ink centroid, and mapped back; they must land within 0.5 px of
 * where they were drawn.
 */
class StepPixelMapTest {
    private static final double TOLERANCE = 0.5;

    /** A white image with 3x3 black dots centred on the given pixels. */
    private static GrayImage dots(int w, int h, int[][] centres) {
        float[] p = new float[w * h];
        java.util.Arrays.fill(p, 1f);
        for (int[] c : centres) {
            for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) p[(c[1] + dy) * w + c[0] + dx] = 0f;
        }
        return new GrayImage(w, h, p, null, "dots");
    }

    /** The ink centroid (continuous coordinates) of the output's darkness within a window around a guess. */
    private static double[] centroid(GrayImage img, Box window) {
        double sum = 0, sx = 0, sy = 0;
        for (int y = Math.max(0, window.y()); y < Math.min(img.height(), window.bottom()); y++) {
            for (int x = Math.max(0, window.x()); x < Math.min(img.width(), window.right()); x++) {
                double ink = 1 - img.get(x, y);
                sum += ink;
                sx += ink * (x + 0.5);
                sy += ink * (y + 0.5);
            }
        }
        return new double[] {sx / sum, sy / sum};
    }

    /** The dots are far apart, so each output dot is one connected patch of ink. */
    private static List<double[]> outputDots(GrayImage img) {
        InkMask mask = InkMask.threshold(img, 0.9f);
        ConnectedComponents cc = ConnectedComponents.label(mask);
        List<double[]> out = new java.util.ArrayList<>();
        for (int c = 1; c <= cc.count(); c++) {
            out.add(centroid(img, new Box(cc.minX(c) - 2, cc.minY(c) - 2, cc.maxX(c) - cc.minX(c) + 5,
                    cc.maxY(c) - cc.minY(c) + 5)));
        }
        return out;
    }

    /** Every drawn dot maps back from one dot of the output within the tolerance. */
    private static void assertDotsMapBack(GrayImage in, int[][] centres, UnaryOperator<GrayImage> step) {
        GrayImage out = step.apply(in);
        List<double[]> found = outputDots(out);
        assertEquals(centres.length, found.size(), "dots found in the output");
        for (int[] c : centres) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] f : found) {
                double[] back = out.pixelMap().toSource(f[0], f[1]);
                best = Math.min(best, Math.hypot(back[0] - (c[0] + 0.5), back[1] - (c[1] + 0.5)));
            }
            assertEquals(0, best, TOLERANCE, "dot at " + c[0] + "," + c[1] + " maps back " + best + " px away");
        }
    }

    private static final int[][] SPREAD = {{10, 8}, {50, 12}, {90, 30}, {20, 35}, {60, 25}};

    @Test
    void rotationMapsBack() {
        for (double degrees : new double[] {3, -4.5, 12, 90}) {
            assertDotsMapBack(dots(100, 40, SPREAD), SPREAD, img -> ImageRotation.rotate(img, degrees));
        }
    }

    @Test
    void shearMapsBack() {
        for (double degrees : new double[] {20, -15, 35}) {
            assertDotsMapBack(dots(100, 40, SPREAD), SPREAD, img -> ImageShear.shear(img, degrees));
        }
    }

    @Test
    void cropMapsBack() {
        assertDotsMapBack(dots(100, 40, SPREAD), SPREAD, img -> new MarginCropper(3, 0.5f).crop(img));
        // a crop that removes nothing keeps the image and its map
        GrayImage full = dots(20, 20, new int[][] {{1, 1}, {18, 18}});
        assertSame(full, new MarginCropper(3, 0.5f).crop(full));
    }

    @Test
    void zoneNormalisationMapsBackInEveryZone() {
        // dots in the ascender (rows 4..12), core (12..30) and descender (30..44) zones; core 18 -> 16 rows
        int[][] centres = {{10, 7}, {40, 20}, {70, 27}, {100, 38}, {130, 15}};
        LineGeometry g = new LineGeometry(2, 12, 30, 44);
        assertDotsMapBack(dots(150, 48, centres), centres, img -> HeightNormalizer.zones(img, g,
                new HeightNormalizer.Zones(12, 16, 12)));
        // and an enlargement: core 9 -> 16 rows
        LineGeometry small = new LineGeometry(3, 10, 19, 30);
        int[][] c2 = {{10, 6}, {40, 14}, {70, 24}};
        assertDotsMapBack(dots(100, 32, c2), c2, img -> HeightNormalizer.zones(img, small,
                new HeightNormalizer.Zones(12, 16, 12)));
    }

    @Test
    void uniformNormalisationMapsBack() {
        assertDotsMapBack(dots(100, 40, SPREAD), SPREAD, img -> HeightNormalizer.uniform(img, 64));
        assertDotsMapBack(dots(100, 40, SPREAD), SPREAD, img -> HeightNormalizer.uniform(img, 30));
    }

    @Test
    void stepsComposeInTheOrderTheyRan() {
        // rotate, then shear, then crop, then scale: the composed map undoes them last to first
        assertDotsMapBack(dots(100, 40, SPREAD), SPREAD, img -> {
            GrayImage r = ImageRotation.rotate(img, 4);
            GrayImage s = ImageShear.shear(r, 18);
            GrayImage c = new MarginCropper(2, 0.9f).crop(s);
            return HeightNormalizer.uniform(c, 56);
        });
    }

    @Test
    void intensityStepsKeepTheMap() {
        PixelMap moved = PixelMap.identity(300, 300).translate(17, 40);
        GrayImage img = dots(100, 40, SPREAD).withPixelMap(moved);
        assertSame(moved, new ContrastStep().process(img, new Notes()).pixelMap());
        assertSame(moved, new BinarizeStep().process(img, new Notes()).pixelMap());
        assertSame(moved, new BinarizeStep(Binarizer.standard(), BinarizeStep.Output.GRAY).process(img, new Notes()).pixelMap());
    }
}
