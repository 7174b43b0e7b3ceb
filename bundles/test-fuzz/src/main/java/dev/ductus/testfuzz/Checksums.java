package dev.ductus.testfuzz;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** Re-seals a mutated file whose format ends in a checksum, so the mutation reaches the parser behind it. */
public final class Checksums {
    private Checksums() {
    }

    /** Rewrites the last 8 bytes as the big-endian CRC-32 of every byte before them (NetworkFile, GmmHmmModelFile). */
    public static byte[] fixTrailingCrc32(byte[] in) {
        if (in.length < 8) return in;
        byte[] out = in.clone();
        CRC32 crc = new CRC32();
        crc.update(out, 0, out.length - 8);
        ByteBuffer.wrap(out, out.length - 8, 8).putLong(crc.getValue());
        return out;
    }
}
