package dev.ductus.nn.io;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.InputException;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.optim.Optimizer;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.nn.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The binary model file: magic {@code DUCTUSNN}, format version, a header of string pairs (the model string,
 * input shape, and whatever the owner stores: system, alphabet, input spec, training facts), the parameters
 * (name, shape, float32 values) in network order, optionally the optimizer state (a checkpoint), and a CRC32
 * of everything before it. Written atomically; a truncated or corrupt file is an {@link InputException}
 * naming it.
 */
public final class NetworkFile {
    public static final String MAGIC = "DUCTUSNN";
    public static final int VERSION = 1;
    /** Header keys this class owns. */
    public static final String SPEC = "nn.spec";
    public static final String INPUT_HEIGHT = "nn.input.height";
    public static final String INPUT_CHANNELS = "nn.input.channels";

    /** What a file held: its header, the rebuilt network, and whether an optimizer state was restored. */
    public record Contents(Map<String, String> header, Network network, boolean optimizerRestored, List<Param> extra) {
        public Contents(Map<String, String> header, Network network, boolean optimizerRestored) {
            this(header, network, optimizerRestored, List.of());
        }
    }

    private NetworkFile() {
    }

    /** Builds the parameters a file holds after its network's, from the header. */
    @FunctionalInterface
    public interface ExtraParams {
        /**
         * @param budget the most parameter values the rest of the file can hold: a header asking for more must be
         *               refused (IllegalArgumentException) before the arrays are allocated
         */
        List<Param> build(Map<String, String> header, long budget);
    }

    /** Writes the network (and the optimizer state when {@code optimizer} is not null) atomically. */
    public static void write(Path file, Map<String, String> header, Network net, Optimizer optimizer) throws IOException {
        write(file, header, net, List.of(), optimizer);
    }

    /**
     * Writes the network followed by {@code extra} parameters that are not layers of it (e.g. an attention
     * decoder's), which the owner rebuilds from its own header entries when reading ({@link #read(Path, DataType,
     * Optimizer, java.util.function.Function)}).
     */
    public static void write(Path file, Map<String, String> header, Network net, List<Param> extra, Optimizer optimizer)
            throws IOException {
        AtomicFiles.write(file, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
            out.writeInt(VERSION);
            Map<String, String> all = new LinkedHashMap<>(header);
            all.put(SPEC, net.spec());
            all.put(INPUT_HEIGHT, Integer.toString(net.inputShape().height()));
            all.put(INPUT_CHANNELS, Integer.toString(net.inputShape().channels()));
            out.writeInt(all.size());
            for (Map.Entry<String, String> e : all.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            List<Param> params = new java.util.ArrayList<>(net.params());
            params.addAll(extra);
            out.writeInt(params.size());
            for (Param p : params) {
                writeString(out, p.name());
                int[] shape = p.shape();
                out.writeInt(shape.length);
                for (int d : shape) out.writeInt(d);
                writeValues(out, p.value(), p.size());
            }
            out.writeBoolean(optimizer != null);
            if (optimizer != null) {
                writeString(out, optimizer.name());
                out.writeLong(optimizer.steps());
                for (Param p : params) {
                    List<Tensor> st = optimizer.state(p);
                    out.writeInt(st.size());
                    for (Tensor t : st) writeValues(out, t, p.size());
                }
            }
            out.flush();
            long crc = checked.getChecksum().getValue();
            new DataOutputStream(raw).writeLong(crc);
        });
    }

    /** Reads only the header (to check system, alphabet and input before building anything). */
    public static Map<String, String> readHeader(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(open(file)))) {
            return header(file, in);
        } catch (EOFException e) {
            throw new InputException(file.toString(), "truncated model file", e);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read model file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model file, rebuilding the network in the given precision, and restores the optimizer state into
     * {@code optimizer} when the file has one of the same kind.
     *
     * @throws InputException naming the file when it is missing, truncated, corrupt or of another format
     */
    public static Contents read(Path file, DataType type, Optimizer optimizer) {
        return read(file, type, optimizer, (h, budget) -> List.of());
    }

    /**
     * Reads a file written with extra parameters: {@code extra} builds them (names and shapes, values unset) from
     * the header, and their stored names, shapes and values are checked and read like the network's.
     */
    public static Contents read(Path file, DataType type, Optimizer optimizer, ExtraParams extra) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "model file not found");
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read model file: " + e.getMessage(), e);
        }
        if (bytes.length < MAGIC.length() + 4 + 8) throw new InputException(file.toString(), "truncated model file (" + bytes.length + " bytes)");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
            Map<String, String> header = header(file, in);
            if (stored != crc.getValue()) {
                throw new InputException(file.toString(), "corrupt or truncated model file (checksum mismatch)");
            }
            // 4 bytes per parameter value: a model string asking for more than the file can hold is refused before
            // its arrays are allocated
            Network net = build(file, header, type, bytes.length / 4L);
            List<Param> extraParams;
            try {
                extraParams = extra.build(header, bytes.length / 4L - net.parameterCount());
            } catch (RuntimeException e) {
                throw new InputException(file.toString(), "cannot rebuild the model: " + e.getMessage(), e);
            }
            long total = net.parameterCount();
            for (Param p : extraParams) total += p.size();
            if (total > bytes.length / 4L) {
                throw new InputException(file.toString(), "the header asks for " + total + " parameters, more than the "
                        + bytes.length + "-byte file holds");
            }
            List<Param> params = new java.util.ArrayList<>(net.params());
            params.addAll(extraParams);
            int count = in.readInt();
            if (count != params.size()) {
                throw new InputException(file.toString(), count + " parameter arrays, the model string needs " + params.size());
            }
            for (Param p : params) {
                String name = readString(in);
                int rank = in.readInt();
                if (rank < 0 || rank > 8) throw new InputException(file.toString(), "bad rank " + rank + " of " + name);
                int[] shape = new int[rank];
                for (int i = 0; i < rank; i++) shape[i] = in.readInt();
                if (!name.equals(p.name()) || !Arrays.equals(shape, p.shape())) {
                    throw new InputException(file.toString(), "parameter " + name + Arrays.toString(shape)
                            + " where the model string has " + p);
                }
                readValues(in, p.value(), p.size());
            }
            boolean restored = false;
            if (in.readBoolean()) {
                String name = readString(in);
                long steps = in.readLong();
                boolean same = optimizer != null && optimizer.name().equals(name);
                for (Param p : params) {
                    int k = in.readInt();
                    List<Tensor> st = same ? optimizer.state(p) : null;
                    if (same && st.size() != k) throw new InputException(file.toString(), "optimizer state of " + p + " has " + k + " arrays");
                    for (int j = 0; j < k; j++) {
                        if (same) readValues(in, st.get(j), p.size());
                        else in.skipNBytes(4L * p.size());
                    }
                }
                if (same) optimizer.restoreSteps(steps);
                restored = same;
            }
            return new Contents(header, net, restored, List.copyOf(extraParams));
        } catch (EOFException e) {
            throw new InputException(file.toString(), "truncated model file", e);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read model file: " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "model file not found");
        }
    }

    private static Map<String, String> header(Path file, DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length()];
        in.readFully(magic);
        if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
            throw new InputException(file.toString(), "not a Ductus network file (bad magic)");
        }
        int version = in.readInt();
        if (version < 1 || version > VERSION) {
            throw new InputException(file.toString(), "network file format version " + version + ", this build reads up to " + VERSION);
        }
        int n = in.readInt();
        if (n < 0 || n > 10_000) throw new InputException(file.toString(), "corrupt header (" + n + " entries)");
        Map<String, String> header = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) header.put(readString(in), readString(in));
        return header;
    }

    private static Network build(Path file, Map<String, String> header, DataType type, long maxParameters) {
        try {
            Shape input = new Shape(Integer.parseInt(header.get(INPUT_HEIGHT)), Integer.parseInt(header.get(INPUT_CHANNELS)));
            return new NetworkBuilder(type, 0, maxParameters).build(input, ModelSpec.parse(header.get(SPEC)));
        } catch (RuntimeException e) {
            throw new InputException(file.toString(), "cannot rebuild the network: " + e.getMessage(), e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 24)) throw new IOException("bad string length " + n);
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeValues(DataOutputStream out, Tensor t, int n) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.min(n, 1 << 16) * 4);
        DataOutputStream d = new DataOutputStream(buf);
        for (int i = 0; i < n; i++) {
            d.writeFloat((float) t.get(i));
            if (buf.size() >= 1 << 18) {
                buf.writeTo(out);
                buf.reset();
            }
        }
        buf.writeTo(out);
    }

    private static void readValues(DataInputStream in, Tensor t, int n) throws IOException {
        for (int i = 0; i < n; i++) t.set(i, in.readFloat());
    }
}
