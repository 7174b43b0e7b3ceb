package dev.ductus.lm.model;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The model's own arrays on disk, so loading is a few bulk reads instead of parsing text: the hash tables are
 * written slot for slot and read back into the same slots. Little-endian; layout (version 1):
 * <pre>
 * "DUCTUSLM" int version int order int vocabularySize
 * vocabularySize x (int byteLength, UTF-8 bytes)
 * order x int count
 * float[V] unigram log10 probs; if order > 1: float[V] backoffs, long[ceil(V/64)] extended bits
 * for n = 2..order: int capacity, long[capacity] keys, float[capacity] probs,
 *                   if n < order: float[capacity] backoffs, long[ceil(capacity/64)] extended bits
 * "LMEND..." (8 bytes, catches truncation)
 * </pre>
 */
public final class BinaryModelFile {
    public static final byte[] MAGIC = "DUCTUSLM".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRAILER = "LMEND...".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;

    private BinaryModelFile() {
    }

    /** Whether the file starts with the binary model magic. */
    public static boolean isBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            return java.util.Arrays.equals(head, MAGIC);
        }
    }

    public static void write(NgramModel model, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(model, out));
    }

    public static void write(NgramModel model, OutputStream out) throws IOException {
        Sink s = new Sink(out);
        int order = model.order();
        String[] words = model.vocabulary();
        s.bytes(MAGIC);
        s.putInt(VERSION);
        s.putInt(order);
        s.putInt(words.length);
        for (String w : words) {
            byte[] b = w.getBytes(StandardCharsets.UTF_8);
            s.putInt(b.length);
            s.bytes(b);
        }
        for (int n = 1; n <= order; n++) s.putInt(model.count(n));
        s.floats(model.probArray(1));
        if (order > 1) {
            s.floats(model.backoffArray(1));
            s.longs(model.extendedBits(1));
        }
        for (int n = 2; n <= order; n++) {
            s.putInt(model.table(n).capacity());
            s.longs(model.table(n).keys());
            s.floats(model.probArray(n));
            if (n < order) {
                s.floats(model.backoffArray(n));
                s.longs(model.extendedBits(n));
            }
        }
        s.bytes(TRAILER);
        s.flush();
    }

    public static NgramModel read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Source s = new Source(ch, file.toString());
            byte[] magic = s.bytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw s.error("not a Ductus binary language model");
            int version = s.getInt();
            if (version != VERSION) throw s.error("binary model version " + version + ", this build reads " + VERSION);
            int order = s.getInt();
            int v = s.getInt();
            if (order < 1 || order > 64) throw s.error("bad order " + order);
            if (v < 0) throw s.error("bad vocabulary size " + v);
            // every count read from the file is checked against the bytes left before anything is allocated
            s.require(4L * v, v + " words");
            String[] words = new String[v];
            for (int i = 0; i < v; i++) {
                int len = s.getInt();
                if (len < 0 || len > 1 << 20) throw s.error("bad word length " + len);
                s.require(len, "a word of " + len + " bytes");
                words[i] = new String(s.bytes(len), StandardCharsets.UTF_8);
            }
            int[] counts = new int[order + 1];
            for (int n = 1; n <= order; n++) counts[n] = s.getInt();
            if (counts[1] != v) throw s.error("unigram count " + counts[1] + " differs from vocabulary size " + v);
            float[][] probs = new float[order + 1][];
            float[][] backoffs = new float[order + 1][];
            long[][] extended = new long[order + 1][];
            LongKeyTable[] tables = new LongKeyTable[order + 1];
            s.require((order > 1 ? 8L : 4L) * v + (order > 1 ? 8L * ((v + 63) >>> 6) : 0), v + " unigrams");
            probs[1] = s.floats(v);
            if (order > 1) {
                backoffs[1] = s.floats(v);
                extended[1] = s.longs((v + 63) >>> 6);
            }
            for (int n = 2; n <= order; n++) {
                int cap = s.getInt();
                if (cap <= 0 || Integer.bitCount(cap) != 1 || cap < counts[n]) throw s.error("bad table capacity " + cap + " for order " + n);
                s.require((n < order ? 16L : 12L) * cap + (n < order ? 8L * ((cap + 63) >>> 6) : 0), "a table of " + cap + " " + n + "-grams");
                tables[n] = new LongKeyTable(s.longs(cap));
                probs[n] = s.floats(cap);
                if (n < order) {
                    backoffs[n] = s.floats(cap);
                    extended[n] = s.longs((cap + 63) >>> 6);
                }
            }
            if (!java.util.Arrays.equals(s.bytes(TRAILER.length), TRAILER)) throw s.error("missing end marker (damaged file)");
            return new NgramModel(words, counts, probs, backoffs, extended, tables);
        }
    }

    /** Buffered little-endian writer. */
    private static final class Sink {
        private final OutputStream out;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        Sink(OutputStream out) {
            this.out = out;
        }

        void ensure(int bytes) throws IOException {
            if (buf.remaining() < bytes) flush();
        }

        void flush() throws IOException {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }

        void putInt(int v) throws IOException {
            ensure(4);
            buf.putInt(v);
        }

        void bytes(byte[] b) throws IOException {
            flush();
            out.write(b);
        }

        void floats(float[] a) throws IOException {
            for (int off = 0; off < a.length; ) {
                ensure(4);
                int n = Math.min(a.length - off, buf.remaining() / 4);
                buf.asFloatBuffer().put(a, off, n);
                buf.position(buf.position() + n * 4);
                off += n;
            }
        }

        void longs(long[] a) throws IOException {
            for (int off = 0; off < a.length; ) {
                ensure(8);
                int n = Math.min(a.length - off, buf.remaining() / 8);
                buf.asLongBuffer().put(a, off, n);
                buf.position(buf.position() + n * 8);
                off += n;
            }
        }
    }

    /** Chunked little-endian reader over a channel, with truncation reported as bad input. */
    private static final class Source {
        private final FileChannel ch;
        private final String name;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        Source(FileChannel ch, String name) {
            this.ch = ch;
            this.name = name;
            buf.limit(0);
        }

        InputException error(String problem) {
            return new InputException(name, problem);
        }

        /** Refuses a section the file declares longer than what is left of it (before allocating the section). */
        void require(long bytes, String what) throws IOException {
            long left = ch.size() - ch.position() + buf.remaining();
            if (bytes > left) {
                throw error("truncated or corrupt: " + what + " need " + bytes + " bytes, the file has " + left + " left");
            }
        }

        private void need(int bytes) throws IOException {
            if (buf.remaining() >= bytes) return;
            buf.compact();
            while (buf.position() < bytes) {
                if (ch.read(buf) < 0) {
                    throw error("truncated: the file ends inside the model data");
                }
            }
            buf.flip();
        }

        int getInt() throws IOException {
            need(4);
            return buf.getInt();
        }

        byte[] bytes(int n) throws IOException {
            byte[] out = new byte[n];
            for (int off = 0; off < n; ) {
                need(1);
                int k = Math.min(n - off, buf.remaining());
                buf.get(out, off, k);
                off += k;
            }
            return out;
        }

        float[] floats(int count) throws IOException {
            float[] out = new float[count];
            for (int off = 0; off < count; ) {
                need(4);
                int k = Math.min(count - off, buf.remaining() / 4);
                buf.asFloatBuffer().get(out, off, k);
                buf.position(buf.position() + k * 4);
                off += k;
            }
            return out;
        }

        long[] longs(int count) throws IOException {
            long[] out = new long[count];
            for (int off = 0; off < count; ) {
                need(8);
                int k = Math.min(count - off, buf.remaining() / 8);
                buf.asLongBuffer().get(out, off, k);
                buf.position(buf.position() + k * 8);
                off += k;
            }
            return out;
        }
    }
}
