package dev.ductus.testfuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random {@link Mutation}s, drawn from a {@link Random} so that a case is reproduced from its seed alone: bit
 * flips, overwritten and inserted bytes, 4-byte fields set to huge, negative or boundary values, truncation,
 * deletion, duplicated sections and, for text formats, tokens of the format inserted anywhere. Fewer mutations
 * per case are likelier than many.
 */
public final class Mutations {
    /** At most this many mutations per case, unless asked otherwise. */
    public static final int DEFAULT_MAX = 6;
    /** Values a corrupt count, size or offset field typically holds. */
    private static final int[] INTERESTING = {0, 1, -1, 2, 3, 7, 8, 255, 256, 0x7fff, 0x8000, 0xffff, 0x10000,
        1 << 20, 1 << 24, 1 << 28, 1 << 30, 0x3fffffff, 0x7ffffff7, 0x7fffffff, 0x80000000, 0xfffffffe};
    /** Positions are drawn from 0 to this and taken modulo the length (see {@link Mutation}). */
    private static final int MAX_POS = 1 << 20;
    /** Weights of flip, overwrite, setInt, truncate, insert, delete, duplicate, token for binary formats. */
    private static final int[] BINARY_WEIGHTS = {4, 2, 3, 1, 1, 1, 1, 0};
    /** The same for text formats, given tokens to insert. */
    private static final int[] TEXT_WEIGHTS = {3, 1, 1, 1, 1, 2, 2, 4};

    private Mutations() {
    }

    /** A copy of {@code seed} with one to {@value #DEFAULT_MAX} byte-level mutations applied. */
    public static byte[] random(byte[] seed, Random rnd) {
        return apply(seed, list(rnd, DEFAULT_MAX, List.of()));
    }

    /** A copy of {@code seed} with one to {@value #DEFAULT_MAX} mutations, {@code tokens} among what is inserted. */
    public static byte[] random(byte[] seed, Random rnd, List<String> tokens) {
        return apply(seed, list(rnd, DEFAULT_MAX, tokens));
    }

    /** One to {@code max} mutations (fewer likelier), with {@code tokens} of a text format among what is inserted. */
    public static List<Mutation> list(Random rnd, int max, List<String> tokens) {
        int n = 1 + rnd.nextInt(1 + rnd.nextInt(max));
        List<Mutation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(mutation(rnd, tokens));
        return out;
    }

    /** One mutation; with no tokens, one of the byte-level ones only. */
    public static Mutation mutation(Random rnd, List<String> tokens) {
        int[] weights = tokens.isEmpty() ? BINARY_WEIGHTS : TEXT_WEIGHTS;
        return switch (pick(rnd, weights)) {
            case 0 -> new Mutation.Flip(pos(rnd), (byte) rnd.nextInt(256));
            case 1 -> new Mutation.Overwrite(pos(rnd), bytes(rnd, 8));
            case 2 -> new Mutation.SetInt(pos(rnd), value(rnd), rnd.nextBoolean());
            case 3 -> new Mutation.Truncate(pos(rnd));
            case 4 -> new Mutation.Insert(pos(rnd), bytes(rnd, 64));
            case 5 -> new Mutation.Delete(pos(rnd), 1 + rnd.nextInt(64));
            case 6 -> new Mutation.Duplicate(pos(rnd), 1 + rnd.nextInt(512), pos(rnd));
            default -> new Mutation.InsertToken(pos(rnd), tokens.get(rnd.nextInt(tokens.size())));
        };
    }

    /** The seed with the mutations applied in order. */
    public static byte[] apply(byte[] seed, List<Mutation> mutations) {
        byte[] b = seed;
        for (Mutation m : mutations) b = m.apply(b);
        return b;
    }

    private static int pick(Random rnd, int[] weights) {
        int total = 0;
        for (int w : weights) total += w;
        int r = rnd.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) return i;
        }
        throw new AssertionError();
    }

    private static int pos(Random rnd) {
        return rnd.nextInt(MAX_POS + 1);
    }

    /** Half the time a value a corrupt field typically holds, else any int. */
    private static int value(Random rnd) {
        return rnd.nextBoolean() ? INTERESTING[rnd.nextInt(INTERESTING.length)] : rnd.nextInt();
    }

    /** One to {@code max} random bytes. */
    private static byte[] bytes(Random rnd, int max) {
        byte[] b = new byte[1 + rnd.nextInt(max)];
        rnd.nextBytes(b);
        return b;
    }
}
