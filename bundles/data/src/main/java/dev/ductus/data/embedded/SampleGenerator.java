package dev.ductus.data.embedded;

/**
 * Makes sample {@code index} of a split. Deterministic: the same (split, index) gives the same sample on any
 * thread and in any order, because each sample's randomness is seeded from (seed, split, index) alone.
 */
public interface SampleGenerator {
    GeneratedSample generate(String split, int index);

    /** A stable seed for one sample. */
    static long sampleSeed(long seed, String split, int index) {
        long h = seed * 0x9E3779B97F4A7C15L + split.hashCode();
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + index;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
