package dev.ductus.testfuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One change to a seed file. Positions are taken modulo the current length, so a mutation means something on
 * any seed.
 */
public sealed interface Mutation {
    byte[] apply(byte[] in);

    private static int at(int pos, int length) {
        return length == 0 ? 0 : Math.floorMod(pos, length);
    }

    private static byte[] insert(byte[] in, int at, byte[] chunk) {
        byte[] out = new byte[in.length + chunk.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(chunk, 0, out, at, chunk.length);
        System.arraycopy(in, at, out, at + chunk.length, in.length - at);
        return out;
    }

    /** XORs one byte with a non-zero mask. */
    record Flip(int pos, byte mask) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) return in;
            byte[] out = in.clone();
            out[at(pos, in.length)] ^= mask == 0 ? 1 : mask;
            return out;
        }
    }

    /** Overwrites bytes from a position on (as far as the file goes). */
    record Overwrite(int pos, byte[] data) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) return in;
            byte[] out = in.clone();
            int p = at(pos, in.length);
            System.arraycopy(data, 0, out, p, Math.min(data.length, out.length - p));
            return out;
        }

        @Override
        public String toString() {
            return "Overwrite[pos=" + pos + ", data=" + HexFormat.of().formatHex(data) + "]";
        }
    }

    /** Sets a 4-byte field (big- or little-endian) to a value, typically a huge or negative count. */
    record SetInt(int pos, int value, boolean bigEndian) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length < 4) return in;
            byte[] out = in.clone();
            int p = at(pos, in.length - 3);
            for (int i = 0; i < 4; i++) {
                int shift = bigEndian ? 24 - 8 * i : 8 * i;
                out[p + i] = (byte) (value >>> shift);
            }
            return out;
        }
    }

    /** Cuts the file at a length below its own. */
    record Truncate(int length) implements Mutation {
        public byte[] apply(byte[] in) {
            return Arrays.copyOf(in, at(length, in.length));
        }
    }

    /** Inserts a chunk of bytes. */
    record Insert(int pos, byte[] data) implements Mutation {
        public byte[] apply(byte[] in) {
            return insert(in, at(pos, in.length + 1), data);
        }

        @Override
        public String toString() {
            return "Insert[pos=" + pos + ", data=" + HexFormat.of().formatHex(data) + "]";
        }
    }

    /** Inserts a token of the format (a keyword, a number, markup), as UTF-8. */
    record InsertToken(int pos, String token) implements Mutation {
        public byte[] apply(byte[] in) {
            return insert(in, at(pos, in.length + 1), token.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Removes up to {@code length} bytes. */
    record Delete(int pos, int length) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) return in;
            int p = at(pos, in.length);
            int n = Math.min(length, in.length - p);
            byte[] out = new byte[in.length - n];
            System.arraycopy(in, 0, out, 0, p);
            System.arraycopy(in, p + n, out, p, in.length - p - n);
            return out;
        }
    }

    /** Copies a section of the file and inserts the copy elsewhere (a duplicated chunk, record or page). */
    record Duplicate(int from, int length, int to) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) return in;
            int p = at(from, in.length);
            byte[] chunk = Arrays.copyOfRange(in, p, Math.min(in.length, p + length));
            return insert(in, at(to, in.length + 1), chunk);
        }
    }
}
