package dev.ductus.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bin/ductus as a user runs it: bad images give one clear line naming the file and a non-zero status; a good one
 * is served. (Issue 2 acceptance: corrupt, empty, 1x1 and 30000x30000 images.)
 */
class OneShotVerbsIT {
    private static Path dir;
    private static Path cache;

    @BeforeAll
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("ductus-it");
        cache = Files.createDirectories(dir.resolve("cache"));
    }

    @AfterAll
    static void tearDown() throws IOException {
        Distribution.deleteTree(dir);
    }

    @Test
    void badImagesAreReportedByNameWithANonZeroStatusAndGoodOnesAreServed() throws Exception {
        Path corrupt = dir.resolve("corrupt.png");
        byte[] png = Files.readAllBytes(Distribution.textLine(dir.resolve("tmp.png")));
        Files.write(corrupt, java.util.Arrays.copyOf(png, png.length / 3));
        Path empty = Files.createFile(dir.resolve("empty.png"));
        Path tiny = dir.resolve("tiny.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", tiny.toFile());
        Path huge = dir.resolve("huge.png");
        Files.write(huge, hugePngHeader(30000, 30000));
        Path good = Distribution.textLine(dir.resolve("good.png"));

        for (Path bad : new Path[] {corrupt, empty, tiny, huge}) {
            Distribution.Run r = Distribution.run(cache, "recognize", "--pipeline", "preprocess", bad.toString());
            assertNotEquals(0, r.status(), bad + ": " + r.err());
            assertTrue(r.err().contains(bad.toString()), "the error names the file: " + r.err());
            assertTrue(!r.err().contains("Exception in thread") && !r.err().contains("\tat "), "no stack trace: " + r.err());
        }
        Distribution.Run mixed = Distribution.run(cache, "recognize", "--pipeline", "preprocess", huge.toString(), good.toString());
        assertEquals(1, mixed.status(), "one bad file makes the status 1, the others are still served");
        assertTrue(mixed.out().startsWith(good + "\t"), mixed.out());
        assertTrue(mixed.err().contains("30000x30000") || mixed.err().contains("pixel"), mixed.err());

        Distribution.Run ok = Distribution.run(cache, "recognize", "--pipeline", "preprocess", "--format", "json", good.toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("\"stage\":\"deslant\""), ok.out());
    }

    @Test
    void unknownPipelinesAndVerbsAreClearErrors() throws Exception {
        Distribution.Run r = Distribution.run(cache, "recognize", "--pipeline", "nope", "--wait", "1", "x.png");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("pipeline 'nope' is not ready: no such pipeline"), r.err());
        Distribution.Run v = Distribution.run(cache, "frobnicate");
        assertEquals(2, v.status());
        assertTrue(v.err().contains("unknown verb 'frobnicate'"), v.err());
        Distribution.Run u = Distribution.run(cache, "recognize", "--pipline", "x");
        assertEquals(2, u.status());
        assertTrue(u.err().contains("unknown option --pipline"), u.err());
    }

    /** A PNG signature and an IHDR chunk claiming the size: 33 bytes, no pixel data. */
    static byte[] hugePngHeader(int w, int h) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 25);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        b.putInt(13);
        int crcStart = b.position();
        b.put(new byte[] {'I', 'H', 'D', 'R'}).putInt(w).putInt(h).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b.array(), crcStart, 17);
        b.putInt((int) crc.getValue());
        return b.array();
    }
}
