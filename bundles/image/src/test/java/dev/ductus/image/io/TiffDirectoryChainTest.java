package dev.ductus.image.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiffDirectoryChainTest {
    @TempDir
    Path dir;

    @Test
    void countsThePagesTheJdkWriterWrote() throws IOException {
        assertEquals(3, count(TiffBytes.write(3, 2, 2, false).toArray()));
        assertEquals(1, count(TiffBytes.write(1, 2, 2, true).toArray()));
    }

    @Test
    void aLoopBackToAnEarlierPageIsRefused() throws IOException {
        TiffBytes tiff = TiffBytes.write(3, 2, 2, false);
        List<Integer> ifds = tiff.directories();
        tiff.setNext(ifds.get(2), ifds.get(0));
        InputException e = refused(tiff.toArray());
        assertTrue(e.getMessage().endsWith("corrupt TIFF: the directory chain loops (page 3 points back to page 1 at offset "
                + ifds.get(0) + ")"), e.getMessage());
    }

    @Test
    void anOffsetOutsideTheFileIsRefused() throws IOException {
        TiffBytes tiff = TiffBytes.write(2, 2, 2, false);
        int length = tiff.toArray().length;
        int first = tiff.directories().get(0);
        tiff.setNext(first, length + 1000);
        InputException e = refused(tiff.toArray());
        assertTrue(e.getMessage().endsWith("the directory of page 2 at offset " + (length + 1000)
                + " lies outside the file (" + length + " bytes)"), e.getMessage());

        tiff.setNext(first, 4);  // inside the header
        assertTrue(refused(tiff.toArray()).getMessage().contains("at offset 4 lies outside the file"));
        // -1 as an unsigned offset is 4 GB, not a negative position
        tiff.setNext(first, -1);
        assertTrue(refused(tiff.toArray()).getMessage().contains("at offset 4294967295 lies outside the file"));
    }

    @Test
    void aDirectoryRunningPastTheEndIsRefused() throws IOException {
        byte[] bytes = chain(ByteOrder.LITTLE_ENDIAN, 1);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 5000);  // 5000 entries of 12 bytes
        InputException e = refused(bytes);
        assertTrue(e.getMessage().contains("the directory of page 1 (5000 entries at offset 8) runs past the end of the file"),
                e.getMessage());
    }

    @Test
    void aChainOfMoreThanTenThousandPagesIsRefused() throws IOException {
        assertEquals(TiffDirectoryChain.MAX_PAGES, count(chain(ByteOrder.LITTLE_ENDIAN, TiffDirectoryChain.MAX_PAGES)));
        InputException e = refused(chain(ByteOrder.BIG_ENDIAN, TiffDirectoryChain.MAX_PAGES + 1));
        assertTrue(e.getMessage().endsWith("TIFF has more than 10000 pages; refused"), e.getMessage());
    }

    @Test
    void anEmptyDirectoryEndsTheChainAsInTheJdkReader() throws IOException {
        byte[] bytes = chain(ByteOrder.BIG_ENDIAN, 3);
        // page 3's directory has no entries: the file has 2 pages
        ByteBuffer.wrap(bytes).putShort(8 + 2 * 18, (short) 0);
        assertEquals(2, count(bytes));
        ByteBuffer.wrap(bytes).putShort(8, (short) 0);
        assertTrue(refused(bytes).getMessage().endsWith("the file holds no image"));
    }

    @Test
    void badHeadersAreRefused() throws IOException {
        assertTrue(refused(new byte[] {'I', 'I', 42, 0}).getMessage().contains("shorter than its 8-byte header"));
        assertTrue(refused(new byte[] {'I', 'M', 42, 0, 8, 0, 0, 0}).getMessage().contains("neither II nor MM"));
        assertTrue(refused(new byte[] {'I', 'I', 41, 0, 8, 0, 0, 0}).getMessage().contains("magic number 41, expected 42"));
        assertTrue(refused(new byte[] {'M', 'M', 0, 43, 0, 8, 0, 0}).getMessage().contains("BigTIFF"));
    }

    /** A TIFF header and {@code pages} directories of one (meaningless) entry each, 18 bytes apart, in a chain. */
    private static byte[] chain(ByteOrder order, int pages) {
        ByteBuffer b = ByteBuffer.allocate(8 + 18 * pages).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M').put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.putShort((short) 42).putInt(8);
        for (int page = 0; page < pages; page++) {
            int ifd = 8 + 18 * page;
            b.putShort((short) 1).putShort((short) 256).putShort((short) 3).putInt(1).putInt(2);
            b.putInt(page == pages - 1 ? 0 : ifd + 18);
        }
        return b.array();
    }

    private int count(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("chain.tif"), bytes);
        return TiffDirectoryChain.pageCount(file, file.toString());
    }

    private InputException refused(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("bad.tif"), bytes);
        InputException e = assertThrows(InputException.class, () -> TiffDirectoryChain.pageCount(file, file.toString()));
        assertEquals(file.toString(), e.source());
        return e;
    }

    /** Found by the fuzzing campaign (tiff case 5757): BitsPerSample 7386 in 368 bytes made the decoder allocate 1 GB or hang. */
    @Test
    void aHugeBitsPerSampleIsRefusedBeforeDecoding() throws IOException {
        Path f = dir.resolve("bits.tif");
        Files.write(f, java.util.Base64.getDecoder().decode("TU0AKgAAAAgADAEAAAMAAAABABQAAAEBAAMAAAABAAoAAAECAAMAAAABABzaPl4DAAMAAAABgLIAAAEGAAMAAAABAAEAAAERAAQAAAABAAAAsAEVAAMAAAABAAEAAAEWAAMAAAABAAoAAAEXAAQAAAABAAAADAEaAAUAAAABAAAAoAEbAAUAAAABAAAAqAEoAAMAAAABAAEAAAAAALwAAAAAAAEAAAABAAAAAQAAAAF42tPQGB4AAEYcH0EADAEAAAMAAAABAM8QB6wBAAMAAAABAAoAAAECAAMAAAABAAgAAAEDAAMAAAABgLIAAAEGAAMAAAABAAEAAAERAAQAAAABAAABZAEVAAMAAAABAAEAAAEWAAMAAAABAAoAAAEXAAQAAAABAAAADAEaAAUAAAABAAABVAEbAAUAAAABAAABXAEoAAMAAAABAAEAAAAAAAAAAAAAAAEAAAABAAAAAQAAAAF42tPUHB4AAJSgIAk="));
        InputException e = assertThrows(InputException.class, () -> new ImageFileReader(1 << 20, 1 << 22).read(f));
        assertTrue(e.getMessage().contains("bits per sample") && e.getMessage().contains(f.toString()), e.getMessage());
    }
}
