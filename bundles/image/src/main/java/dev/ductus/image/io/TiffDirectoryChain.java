package dev.ductus.image.io;

import dev.ductus.api.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the pages of a classic TIFF by walking its chain of image file directories (IFDs) in the file's bytes.
 * The JDK's TIFF reader counts pages ({@code getNumImages(true)}) by following the next-IFD offsets without
 * remembering where it has been, so an 8 KB file whose IFD points to itself hangs it forever. Here every offset
 * is checked before it is followed: one seen before (a loop), one outside the file, a directory whose entries
 * run past the end of the file, and a chain longer than {@link #MAX_PAGES} are each an {@link InputException}
 * naming the file. Only the 8-byte header and 6 bytes per directory are read, whatever the file's size.
 * <p>
 * Layout: {@code II} or {@code MM} (byte order), 42, the first IFD's offset; each IFD is a 2-byte entry count,
 * 12 bytes per entry and the 4-byte offset of the next IFD (0 ends the chain). Like the JDK reader, a directory
 * with no entries ends the chain. BigTIFF (magic 43, 64-bit offsets) is refused: the JDK reader cannot read it.
 */
final class TiffDirectoryChain {
    /** Far more pages than any scan has; a longer chain is a crafted or corrupt file. */
    static final int MAX_PAGES = 10_000;
    private static final int HEADER_BYTES = 8;
    private static final int ENTRY_BYTES = 12;

    private TiffDirectoryChain() {
    }

    /** The number of pages (IFDs) of the TIFF file, at least 1. */
    static int pageCount(Path file, String name) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return walk(channel, name);
        } catch (IOException e) {
            throw new InputException(name, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static int walk(FileChannel channel, String name) throws IOException {
        long length = channel.size();
        if (length < HEADER_BYTES) throw new InputException(name, "corrupt TIFF: the file is shorter than its 8-byte header");
        ByteBuffer header = read(channel, 0, HEADER_BYTES);
        ByteOrder order = byteOrder(header.get(0), header.get(1), name);
        header.order(order);
        int magic = Short.toUnsignedInt(header.getShort(2));
        if (magic == 43) throw new InputException(name, "BigTIFF (64-bit offsets) is not supported: save it as a classic TIFF");
        if (magic != 42) throw new InputException(name, "corrupt TIFF: magic number " + magic + ", expected 42");
        long offset = Integer.toUnsignedLong(header.getInt(4));
        // offset -> 1-based page whose directory lies there, to name both ends of a loop
        Map<Long, Integer> pages = new HashMap<>();
        int count = 0;
        while (offset != 0) {
            Integer earlier = pages.get(offset);
            if (earlier != null) {
                throw new InputException(name, "corrupt TIFF: the directory chain loops (page " + count
                        + " points back to page " + earlier + " at offset " + offset + ")");
            }
            if (count == MAX_PAGES) {
                throw new InputException(name, "TIFF has more than " + MAX_PAGES + " pages; refused");
            }
            if (offset < HEADER_BYTES || offset + 2 > length) {
                throw new InputException(name, "corrupt TIFF: the directory of page " + (count + 1) + " at offset "
                        + offset + " lies outside the file (" + length + " bytes)");
            }
            int entries = Short.toUnsignedInt(read(channel, offset, 2).order(order).getShort(0));
            if (entries == 0) break;
            long next = offset + 2 + (long) ENTRY_BYTES * entries;
            if (next + 4 > length) {
                throw new InputException(name, "corrupt TIFF: the directory of page " + (count + 1) + " (" + entries
                        + " entries at offset " + offset + ") runs past the end of the file (" + length + " bytes)");
            }
            pages.put(offset, ++count);
            checkBitsPerSample(channel, order, offset, entries, length, count, name);
            offset = Integer.toUnsignedLong(read(channel, next, 4).order(order).getInt(0));
        }
        if (count == 0) throw new InputException(name, "the file holds no image");
        return count;
    }

    /** TIFF tag BitsPerSample. */
    private static final int BITS_PER_SAMPLE = 258;
    private static final int MAX_SAMPLES = 64;

    /**
     * Refuses a page whose BitsPerSample is neither 1-16 nor 32: the JDK decoder, with metadata ignored, allocates
     * for whatever the tag says (7386 bits per sample in a 368-byte file took a gigabyte, or hung), before decoding.
     */
    private static void checkBitsPerSample(FileChannel channel, ByteOrder order, long directory, int entries, long length,
                                           int page, String name) throws IOException {
        ByteBuffer table = read(channel, directory + 2, ENTRY_BYTES * entries).order(order);
        for (int e = 0; e < entries; e++) {
            int at = e * ENTRY_BYTES;
            if (Short.toUnsignedInt(table.getShort(at)) != BITS_PER_SAMPLE) continue;
            int type = Short.toUnsignedInt(table.getShort(at + 2));
            long values = Integer.toUnsignedLong(table.getInt(at + 4));
            if (type != 3 || values < 1 || values > MAX_SAMPLES) {
                throw new InputException(name, "corrupt TIFF: page " + page + " declares BitsPerSample as " + values
                        + " values of type " + type + " (1 to " + MAX_SAMPLES + " SHORT values are read)");
            }
            ByteBuffer bits;
            if (values <= 2) {
                bits = table.duplicate().order(order).position(at + 8).slice().order(order);
            } else {
                long where = Integer.toUnsignedLong(table.getInt(at + 8));
                if (where + 2 * values > length) {
                    throw new InputException(name, "corrupt TIFF: page " + page + "'s BitsPerSample lies outside the file");
                }
                bits = read(channel, where, (int) (2 * values)).order(order);
            }
            for (int i = 0; i < values; i++) {
                int b = Short.toUnsignedInt(bits.getShort(2 * i));
                if (b < 1 || (b > 16 && b != 32)) {
                    throw new InputException(name, "page " + page + " declares " + b + " bits per sample (1 to 16, or 32, are read)");
                }
            }
        }
    }

    private static ByteOrder byteOrder(byte b0, byte b1, String name) {
        if (b0 == 'I' && b1 == 'I') return ByteOrder.LITTLE_ENDIAN;
        if (b0 == 'M' && b1 == 'M') return ByteOrder.BIG_ENDIAN;
        throw new InputException(name, "corrupt TIFF: the byte order is neither II nor MM");
    }

    /** {@code n} bytes at {@code position}; the caller has checked that they lie inside the file. */
    private static ByteBuffer read(FileChannel channel, long position, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at offset " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
