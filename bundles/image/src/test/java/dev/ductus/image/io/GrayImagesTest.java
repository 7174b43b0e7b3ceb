package dev.ductus.image.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ductus.api.image.GrayImage;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import org.junit.jupiter.api.Test;

class GrayImagesTest {
    @Test
    void toBufferedImageAndBackIsExactOnEightBitLevels() {
        float[] p = {0, 1 / 255f, 0.5f, 254 / 255f, 1, 100 / 255f};
        BufferedImage b = GrayImages.toBufferedImage(new GrayImage(3, 2, p));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, b.getType());
        assertEquals(128, b.getRaster().getSample(2, 0, 0));
        GrayImage back = GrayImages.fromBufferedImage(b, "x");
        assertArrayEquals(new float[] {0, 1 / 255f, 128 / 255f, 254 / 255f, 1, 100 / 255f}, back.pixels(), 1e-6f);
        assertEquals("x", back.source());
    }

    @Test
    void outOfRangeValuesAreClamped() {
        assertEquals(0, GrayImages.toByte(-0.5f));
        assertEquals(255, GrayImages.toByte(1.5f));
        assertEquals(255, GrayImages.toByte(Float.NaN));
    }

    @Test
    void luminanceWeightsOfPackedRgb() {
        BufferedImage rgb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xff0000);
        rgb.setRGB(1, 0, 0x00ff00);
        rgb.setRGB(2, 0, 0x0000ff);
        assertArrayEquals(new float[] {0.299f, 0.587f, 0.114f}, GrayImages.fromBufferedImage(rgb, null).pixels(), 1e-6f);
    }

    @Test
    void bilevelPaletteImages() {
        byte[] bw = {0, (byte) 255};
        BufferedImage b = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, bw, bw, bw));
        b.getRaster().setSample(1, 0, 0, 1);
        assertArrayEquals(new float[] {0, 1}, GrayImages.fromBufferedImage(b, null).pixels(), 1e-6f);
    }
}
