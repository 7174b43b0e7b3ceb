package dev.ductus.image.preprocess;

/**
 * The coordinates of the ink pixels of a mask, thinned to at most a given number by taking every n-th one in
 * scan order: the angle estimators evaluate dozens of candidate angles and need the shape of the ink, not every
 * pixel of a 600-dpi page.
 */
record InkPixels(int[] xs, int[] ys, int count) {
    static InkPixels of(InkMask mask, int maxCount) {
        int total = mask.count();
        int stride = Math.max(1, (int) Math.ceil(total / (double) Math.max(1, maxCount)));
        int n = (total + stride - 1) / stride;
        int[] xs = new int[n];
        int[] ys = new int[n];
        boolean[] flags = mask.flags();
        int w = mask.width();
        int seen = 0;
        int k = 0;
        for (int i = 0; i < flags.length && k < n; i++) {
            if (!flags[i]) continue;
            if (seen++ % stride == 0) {
                xs[k] = i % w;
                ys[k] = i / w;
                k++;
            }
        }
        return new InkPixels(xs, ys, k);
    }
}
