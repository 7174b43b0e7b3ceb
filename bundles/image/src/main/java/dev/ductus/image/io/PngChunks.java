package dev.ductus.image.io;

import dev.ductus.api.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Checks a PNG's chunk structure and CRCs, which the JDK's PNG reader skips unchecked (a flipped bit in the
 * pixel data decodes to wrong pixels without a word). As libpng does by default: a CRC error in a critical
 * chunk (IHDR, PLTE, IDAT, IEND: first letter upper case) refuses the file, one in an ancillary chunk (text,
 * gamma, ...) is reported as a warning and the image is read. A chunk that claims more bytes than the file
 * has, a missing IEND or a bad signature is an {@link InputException} naming the file. Streams the file once
 * with a fixed buffer, whatever its size.
 */
final class PngChunks {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** The PNG specification's limit on a chunk's length. */
    private static final long MAX_CHUNK = (1L << 31) - 1;

    private PngChunks() {
    }

    /** A warning for each ancillary chunk with a bad CRC; throws for anything that makes the file unreadable. */
    static java.util.List<String> check(Path file, String name) {
        java.util.List<String> warnings = new java.util.ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long size = Files.size(file);
            byte[] sig = in.readNBytes(8);
            if (sig.length < 8 || !java.util.Arrays.equals(sig, SIGNATURE)) {
                throw new InputException(name, "corrupt PNG: bad signature");
            }
            long offset = 8;
            byte[] buffer = new byte[1 << 16];
            CRC32 crc = new CRC32();
            while (true) {
                byte[] head = in.readNBytes(8);
                if (head.length == 0) throw new InputException(name, "corrupt PNG: the file ends without an IEND chunk");
                if (head.length < 8) throw new InputException(name, "corrupt PNG: truncated chunk header at byte " + offset);
                long length = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
                String type = chunkType(head);
                if (length > MAX_CHUNK || offset + 12 + length > size) {
                    throw new InputException(name, "corrupt PNG: chunk " + type + " at byte " + offset + " claims " + length
                            + " bytes, more than the file holds (" + size + " bytes)");
                }
                crc.reset();
                crc.update(head, 4, 4);
                long left = length;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) throw new InputException(name, "corrupt PNG: truncated chunk " + type + " at byte " + offset);
                    crc.update(buffer, 0, n);
                    left -= n;
                }
                byte[] stored = in.readNBytes(4);
                if (stored.length < 4) throw new InputException(name, "corrupt PNG: truncated chunk " + type + " at byte " + offset);
                long expected = ((stored[0] & 0xFFL) << 24) | ((stored[1] & 0xFF) << 16) | ((stored[2] & 0xFF) << 8) | (stored[3] & 0xFF);
                if (expected != crc.getValue()) {
                    boolean critical = Character.isUpperCase(type.charAt(0));
                    String what = String.format(Locale.ROOT, "CRC error in chunk %s at byte %d (stored %08x, computed %08x)",
                            type, offset, expected, crc.getValue());
                    if (critical) throw new InputException(name, "corrupt PNG: " + what);
                    warnings.add(what + "; the chunk is ancillary, the image is read");
                }
                offset += 12 + length;
                if (type.equals("IEND")) return warnings;
            }
        } catch (IOException e) {
            throw new InputException(name, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static String chunkType(byte[] head) {
        StringBuilder s = new StringBuilder(4);
        for (int i = 4; i < 8; i++) {
            int c = head[i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return s.toString();
    }
}
