package dev.ductus.data.embedded;

import java.util.SplittableRandom;

/** A seeded Fisher-Yates permutation of 0..n-1. */
final class Shuffle {
    private Shuffle() {
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
