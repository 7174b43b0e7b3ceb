package dev.ductus.features.handcrafted;

/**
 * Histograms of stroke edge directions: the Sobel gradient of ink darkness at every pixel, its direction
 * quantised into 8 bins of 45 degrees (bin k centred on k * 45 degrees, counter-clockwise from the +x axis
 * with y pointing up, i.e. the direction in which ink gets darker), weighted by the gradient magnitude.
 * Ink on the left of a vertical edge gives bin 4; the top edge of a horizontal bar gives bin 6.
 */
final class GradientHistogram {
    static final int BINS = 8;
    private static final double BIN_WIDTH = Math.PI / 4;

    private GradientHistogram() {
    }

    /**
     * Adds the magnitude-weighted directions of the pixels in columns [x0, x0 + w) and rows [y0, y1) to
     * out[offset .. offset + 8), divided by the number of pixels.
     */
    static void accumulate(InkImage img, int x0, int w, int y0, int y1, float[] out, int offset) {
        double[] bins = new double[BINS];
        int pixels = w * Math.max(0, y1 - y0);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x0 + w; x++) {
                double gx = (img.ink(x + 1, y - 1) + 2 * img.ink(x + 1, y) + img.ink(x + 1, y + 1))
                        - (img.ink(x - 1, y - 1) + 2 * img.ink(x - 1, y) + img.ink(x - 1, y + 1));
                // rows grow downwards: "up" is the negative row direction
                double gy = (img.ink(x - 1, y - 1) + 2 * img.ink(x, y - 1) + img.ink(x + 1, y - 1))
                        - (img.ink(x - 1, y + 1) + 2 * img.ink(x, y + 1) + img.ink(x + 1, y + 1));
                double mag = Math.sqrt(gx * gx + gy * gy);
                if (mag < 1e-6) continue;
                bins[bin(gx, gy)] += mag;
            }
        }
        for (int b = 0; b < BINS; b++) out[offset + b] = pixels == 0 ? 0f : (float) (bins[b] / pixels);
    }

    /** The bin of a gradient (gx right, gy up). */
    static int bin(double gx, double gy) {
        return Math.floorMod((int) Math.round(Math.atan2(gy, gx) / BIN_WIDTH), BINS);
    }
}
