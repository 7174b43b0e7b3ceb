package dev.ductus.hmm.decode;

import java.util.Arrays;

/**
 * Back pointers of the search: one record per symbol model a surviving token entered (the symbol, its first
 * frame, whether a word boundary came before it, the previous record). Records are never removed during a
 * line; a line of a few hundred frames writes some hundred thousand at most.
 */
final class TraceArena {
    int size;
    int[] symbol = new int[4096];
    int[] frame = new int[4096];
    int[] previous = new int[4096];
    boolean[] boundary = new boolean[4096];

    int add(int sym, int t, int prev, boolean isBoundary) {
        if (size == symbol.length) {
            int n = 2 * size;
            symbol = Arrays.copyOf(symbol, n);
            frame = Arrays.copyOf(frame, n);
            previous = Arrays.copyOf(previous, n);
            boundary = Arrays.copyOf(boundary, n);
        }
        symbol[size] = sym;
        frame[size] = t;
        previous[size] = prev;
        boundary[size] = isBoundary;
        return size++;
    }
}
