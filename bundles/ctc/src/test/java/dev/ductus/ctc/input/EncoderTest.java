package dev.ductus.ctc.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ductus.api.features.FeatureExtractor;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.image.GrayImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderTest {
    @Test
    void pixelsAreScaledToTheHeightWithInkAsOne() {
        // 4x2 image: left half ink, right half paper; scaled to height 4 -> 8 columns
        GrayImage im = new GrayImage(4, 2, new float[] {0, 0, 1, 1, 0, 0, 1, 1});
        EncodedLine e = new PixelEncoder(4, 1).encode(im);
        assertEquals(8, e.width());
        assertEquals(1f, e.values()[0], 1e-6);
        assertEquals(0f, e.values()[7], 1e-6);
        assertEquals(0.25f, e.columnX()[0], 1e-6);
        assertEquals(3.75f, e.columnX()[7], 1e-6);
        assertArrayEquals(new float[] {1f, 3f}, e.frameX(2), 1e-6f);
        assertEquals(16, new PixelEncoder(4, 16).encode(im).width(), "padded to the minimum width");
        assertEquals("pixels:h=4", PixelEncoder.parse("pixels:h=4", 1).spec());
        assertThrows(IllegalArgumentException.class, () -> PixelEncoder.parse("pixels:64", 1));
    }

    /** Two features per column: its index and a constant. */
    static final class Columns implements FeatureExtractor {
        @Override
        public String spec() {
            return "columns:2";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public FeatureSequence extract(GrayImage line) {
            int w = line.width();
            float[] d = new float[2 * w];
            float[] x = new float[w];
            for (int t = 0; t < w; t++) {
                d[2 * t] = t;
                d[2 * t + 1] = 7;
                x[t] = t + 0.5f;
            }
            return new FeatureSequence(w, 2, d, x, spec());
        }
    }

    @Test
    void featuresAreStandardisedWithTrainingStatistics() {
        FeatureSetup setup = new FeatureSetup(new Columns());
        LineEncoder enc = setup.fit(List.of(GrayImage.blank(5, 3)));   // column index 0..4: mean 2, sd sqrt(2)
        EncodedLine e = enc.encode(GrayImage.blank(5, 3));
        assertEquals(1, e.height());
        assertEquals(5, e.width());
        assertEquals(-2 / Math.sqrt(2), e.values()[0], 1e-6);
        assertEquals(0, e.values()[1], 1e-6, "a constant feature becomes 0");
        FeatureEncoder f = (FeatureEncoder) enc;
        LineEncoder back = setup.restore("columns:2", f.mean(), f.std());
        assertArrayEquals(e.values(), back.encode(GrayImage.blank(5, 3)).values(), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> setup.restore("columns:3", f.mean(), f.std()));
    }
}
