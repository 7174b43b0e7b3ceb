package dev.ductus.ctc.train;

import dev.ductus.api.image.GrayImage;

/** A preprocessed line kept in memory at one byte per pixel (training revisits every line each epoch). */
public record CompactImage(int width, int height, byte[] pixels, String source) {
    public static CompactImage of(GrayImage im) {
        float[] p = im.pixels();
        byte[] b = new byte[p.length];
        for (int i = 0; i < p.length; i++) b[i] = (byte) Math.round(Math.max(0, Math.min(1, p[i])) * 255);
        return new CompactImage(im.width(), im.height(), b, im.source());
    }

    public GrayImage image() {
        float[] p = new float[pixels.length];
        for (int i = 0; i < p.length; i++) p[i] = (pixels[i] & 0xff) / 255f;
        return new GrayImage(width, height, p, null, source);
    }
}
