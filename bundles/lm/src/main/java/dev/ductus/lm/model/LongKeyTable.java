package dev.ductus.lm.model;

import java.util.Arrays;

/**
 * Open-addressing hash index of non-negative long keys with linear probing. The slot a key lands in is the
 * n-gram's index: parallel arrays hold its probability and backoff, and the next order's keys point at it.
 * Sized once (the number of n-grams is known before insertion), so slots never move.
 */
public final class LongKeyTable {
    static final long EMPTY = -1L;
    private final long[] keys;
    private final int mask;

    public LongKeyTable(int entries) {
        this(new long[capacityFor(entries)]);
        Arrays.fill(keys, EMPTY);
    }

    LongKeyTable(long[] keys) {
        if (Integer.bitCount(keys.length) != 1) throw new IllegalArgumentException("capacity " + keys.length);
        this.keys = keys;
        this.mask = keys.length - 1;
    }

    /** A power of two that keeps the load factor at or below 2/3. */
    static int capacityFor(int entries) {
        long want = Math.max(4L, (entries * 3L + 1) / 2);
        long cap = Long.highestOneBit(want - 1) << 1;
        if (cap > (1 << 30)) throw new IllegalArgumentException("too many n-grams for one order: " + entries);
        return (int) cap;
    }

    public int capacity() {
        return keys.length;
    }

    long[] keys() {
        return keys;
    }

    public long keyAt(int slot) {
        return keys[slot];
    }

    public int find(long key) {
        int slot = mix(key) & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) return slot;
            if (k == EMPTY) return -1;
            slot = (slot + 1) & mask;
        }
    }

    /** Inserts the key and returns its slot; -1 - slot when it was already present. */
    public int insert(long key) {
        int slot = mix(key) & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) return -1 - slot;
            if (k == EMPTY) {
                keys[slot] = key;
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 32));
    }
}
