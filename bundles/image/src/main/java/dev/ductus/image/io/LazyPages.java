package dev.ductus.image.io;

import dev.ductus.api.image.GrayImage;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * The pages of a multi-page file, decoded one at a time: the first page is decoded up front (so a file that
 * cannot be decoded at all fails when it is read), every other page when it is asked for, and only the page
 * asked for last is kept besides the first. A 40-page scan thus needs the memory of two pages, not forty.
 * Asking for a page again after another one decodes it again. Unmodifiable; thread-safe.
 */
final class LazyPages extends AbstractList<GrayImage> implements RandomAccess {
    private final int size;
    private final GrayImage first;
    private final IntFunction<GrayImage> decoder;
    private int lastIndex = -1;
    private GrayImage last;

    /** @param decoder decodes page {@code i} (1 to size - 1), throwing an InputException naming that page */
    LazyPages(int size, GrayImage first, IntFunction<GrayImage> decoder) {
        if (size < 2) throw new IllegalArgumentException("a multi-page file has at least 2 pages, got " + size);
        this.size = size;
        this.first = Objects.requireNonNull(first);
        this.decoder = Objects.requireNonNull(decoder);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public GrayImage get(int index) {
        Objects.checkIndex(index, size);
        if (index == 0) return first;
        synchronized (this) {
            if (index != lastIndex) {
                // let go of the previous page before decoding the next: never more than two pages in memory
                last = null;
                lastIndex = -1;
                last = decoder.apply(index);
                lastIndex = index;
            }
            return last;
        }
    }
}
