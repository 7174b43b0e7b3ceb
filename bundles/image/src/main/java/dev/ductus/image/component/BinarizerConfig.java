package dev.ductus.image.component;

import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.NoiseHandling;

/** Turns the binarisation attributes that several step configurations share into a {@link Binarizer}. */
final class BinarizerConfig {
    private BinarizerConfig() {
    }

    static Binarizer of(String method, int window, double k, double r, double smoothing, double despeckle) {
        return new Binarizer(Binarizer.Method.parse(method), window, k, r).with(new NoiseHandling(smoothing, despeckle));
    }
}
