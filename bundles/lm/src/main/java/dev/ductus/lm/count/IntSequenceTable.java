package dev.ductus.lm.count;

import java.util.Arrays;

/**
 * A set of fixed-width int sequences (n-grams of word ids) that gives each sequence a dense id in insertion
 * order. Keys live in one flat int array, so millions of n-grams cost a few bytes each instead of an object;
 * dense ids never move when the hash index grows, so callers can keep counts in parallel arrays.
 */
public final class IntSequenceTable {
    private final int width;
    private int[] keys;
    private int size;
    private int[] index; // hash slot -> dense id + 1 (0 = empty)
    private int mask;

    public IntSequenceTable(int width, int expected) {
        if (width < 1) throw new IllegalArgumentException("width " + width);
        this.width = width;
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        index = new int[cap];
        mask = cap - 1;
        keys = new int[Math.max(16, expected) * width];
    }

    public int width() {
        return width;
    }

    public int size() {
        return size;
    }

    /** The word at {@code position} of the sequence with this dense id. */
    public int word(int id, int position) {
        return keys[id * width + position];
    }

    /** Copies the sequence with this dense id to {@code dst} at {@code off}. */
    public void copy(int id, int[] dst, int off) {
        System.arraycopy(keys, id * width, dst, off, width);
    }

    /** The flat key array (sequence {@code id} at {@code id * width()}); only the first size() are valid. */
    public int[] flatKeys() {
        return keys;
    }

    /** The dense id of the sequence {@code src[off .. off+width)}, or -1. */
    public int find(int[] src, int off) {
        int slot = hash(src, off) & mask;
        while (true) {
            int e = index[slot];
            if (e == 0) return -1;
            if (equalAt(e - 1, src, off)) return e - 1;
            slot = (slot + 1) & mask;
        }
    }

    /** The dense id of the sequence, adding it when absent. */
    public int add(int[] src, int off) {
        int slot = hash(src, off) & mask;
        while (true) {
            int e = index[slot];
            if (e == 0) break;
            if (equalAt(e - 1, src, off)) return e - 1;
            slot = (slot + 1) & mask;
        }
        int id = size++;
        if ((long) size * width > keys.length) keys = Arrays.copyOf(keys, Math.max(keys.length * 2, size * width));
        System.arraycopy(src, off, keys, id * width, width);
        index[slot] = id + 1;
        if (size * 2 > index.length) rehash();
        return id;
    }

    private boolean equalAt(int id, int[] src, int off) {
        int base = id * width;
        for (int i = 0; i < width; i++) if (keys[base + i] != src[off + i]) return false;
        return true;
    }

    private int hash(int[] src, int off) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < width; i++) h = (h ^ src[off + i]) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        return (int) (h ^ (h >>> 29));
    }

    private void rehash() {
        int cap = index.length * 2;
        int[] next = new int[cap];
        int m = cap - 1;
        for (int id = 0; id < size; id++) {
            int slot = hash(keys, id * width) & m;
            while (next[slot] != 0) slot = (slot + 1) & m;
            next[slot] = id + 1;
        }
        index = next;
        mask = m;
    }
}
