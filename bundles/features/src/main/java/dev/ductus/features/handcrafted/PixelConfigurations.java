package dev.ductus.features.handcrafted;

/**
 * Counts of local 2x2 configurations of binary ink (a b / c d): the four concave corners (three pixels of
 * ink, the missing one top-left, top-right, bottom-left, bottom-right), the two diagonals, vertical edges
 * and horizontal edges, as fractions of the 2x2 blocks whose top-left pixel lies in the window.
 */
final class PixelConfigurations {
    static final int COUNT = 8;

    private PixelConfigurations() {
    }

    static void count(InkImage img, int x0, int w, float[] out, int offset) {
        int[] n = new int[COUNT];
        int blocks = w * Math.max(1, img.height - 1);
        for (int y = 0; y + 1 < img.height; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int a = img.black(x, y) ? 1 : 0;
                int b = img.black(x + 1, y) ? 1 : 0;
                int c = img.black(x, y + 1) ? 1 : 0;
                int d = img.black(x + 1, y + 1) ? 1 : 0;
                int code = a << 3 | b << 2 | c << 1 | d;
                switch (code) {
                    case 0b0111 -> n[0]++;
                    case 0b1011 -> n[1]++;
                    case 0b1101 -> n[2]++;
                    case 0b1110 -> n[3]++;
                    case 0b1001 -> n[4]++;
                    case 0b0110 -> n[5]++;
                    case 0b1010, 0b0101 -> n[6]++;
                    case 0b1100, 0b0011 -> n[7]++;
                    default -> {
                    }
                }
            }
        }
        for (int i = 0; i < COUNT; i++) out[offset + i] = (float) n[i] / blocks;
    }
}
