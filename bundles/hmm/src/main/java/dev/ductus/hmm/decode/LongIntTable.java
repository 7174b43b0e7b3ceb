package dev.ductus.hmm.decode;

import java.util.Arrays;

/** A map from long keys (not -1) to int values, open addressing over primitive arrays; absent keys give -1. */
final class LongIntTable {
    private static final long EMPTY = -1L;
    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int mask = 1023;
    private int size;

    LongIntTable() {
        Arrays.fill(keys, EMPTY);
    }

    int get(long key) {
        int h = hash(key) & mask;
        while (true) {
            long k = keys[h];
            if (k == key) return values[h];
            if (k == EMPTY) return -1;
            h = (h + 1) & mask;
        }
    }

    void put(long key, int value) {
        int h = hash(key) & mask;
        while (keys[h] != EMPTY && keys[h] != key) h = (h + 1) & mask;
        if (keys[h] == EMPTY) size++;
        keys[h] = key;
        values[h] = value;
        if (2 * size > mask) rehash();
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[2 * oldKeys.length];
        values = new int[2 * oldKeys.length];
        mask = keys.length - 1;
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] == EMPTY) continue;
            int h = hash(oldKeys[i]) & mask;
            while (keys[h] != EMPTY) h = (h + 1) & mask;
            keys[h] = oldKeys[i];
            values[h] = oldValues[i];
        }
    }

    private static int hash(long key) {
        // the high half of the product carries every key bit; fold it down so the masked low bits see all of them
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 31));
    }
}
