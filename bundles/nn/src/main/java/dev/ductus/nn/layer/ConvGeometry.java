package dev.ductus.nn.layer;

/**
 * Kernel, stride and padding of a convolution: stride 1 pads "same" ((k-1)/2 before), a larger stride pads
 * nothing. A sample smaller than the kernel still gives one output.
 */
record ConvGeometry(int kh, int kw, int sy, int sx) {
    ConvGeometry {
        if (kh <= 0 || kw <= 0 || sy <= 0 || sx <= 0) {
            throw new IllegalArgumentException("bad kernel " + kh + "x" + kw + " stride " + sy + "x" + sx);
        }
    }

    int py() {
        return sy == 1 ? (kh - 1) / 2 : 0;
    }

    int px() {
        return sx == 1 ? (kw - 1) / 2 : 0;
    }

    int outHeight(int h) {
        return Math.max(1, (h + 2 * py() - kh) / sy + 1);
    }

    int outWidth(int w) {
        return Math.max(1, (w + 2 * px() - kw) / sx + 1);
    }
}
