package dev.ductus.nn.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A growable flat block of native memory (float, or double in gradient-check mode) that layers reuse from
 * step to step, so training allocates nothing once the largest batch has been seen. Element-wise work reads
 * and writes it from Java through a direct NIO buffer; matrix products see it through cached INDArray views
 * (an ND4J view costs several microseconds to create, so per-timestep views are made once and kept).
 */
public final class Tensor {
    private static final int MAX_CACHED_VIEWS = 1024;

    private final DataType type;
    private INDArray flat;
    private FloatBuffer floats;
    private DoubleBuffer doubles;
    private int capacity;
    private final Map<Long, INDArray> views = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, INDArray> eldest) {
            return size() > MAX_CACHED_VIEWS;
        }
    };
    private final Map<ViewKey, INDArray> odd = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ViewKey, INDArray> eldest) {
            return size() > MAX_CACHED_VIEWS;
        }
    };

    private record ViewKey(long offset, int rows, int cols) {
    }

    public Tensor(DataType type, int size) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("only FLOAT and DOUBLE tensors, got " + type);
        }
        this.type = type;
        allocate(Math.max(1, size));
    }

    public DataType type() {
        return type;
    }

    public boolean isDouble() {
        return type == DataType.DOUBLE;
    }

    /** Elements available without reallocation. */
    public int capacity() {
        return capacity;
    }

    /**
     * Makes room for at least {@code size} elements. Contents are lost when it grows (callers rewrite them),
     * and it grows by a quarter more than asked so slowly varying batch sizes settle quickly.
     */
    public Tensor ensure(int size) {
        if (size > capacity) {
            long grown = Math.min(Integer.MAX_VALUE - 8L, Math.max(size, (long) size + size / 4));
            release();
            allocate((int) grown);
        }
        return this;
    }

    private void allocate(int size) {
        flat = Nd4j.create(type, size);
        capacity = size;
        if (type == DataType.FLOAT) {
            floats = flat.data().asNioFloat();
            doubles = null;
        } else {
            doubles = flat.data().asNioDouble();
            floats = null;
        }
    }

    /** Frees the native memory now rather than at the next garbage collection. */
    public void release() {
        views.clear();
        odd.clear();
        if (flat != null) {
            flat.close();
            flat = null;
        }
        capacity = 0;
    }

    /** The float view of the memory, or null in double mode (for hot loops that specialise on float). */
    public FloatBuffer floats() {
        return floats;
    }

    /** The double view of the memory, or null in float mode. */
    public DoubleBuffer doubles() {
        return doubles;
    }

    public double get(int i) {
        return floats != null ? floats.get(i) : doubles.get(i);
    }

    public void set(int i, double v) {
        if (floats != null) floats.put(i, (float) v);
        else doubles.put(i, v);
    }

    public void add(int i, double v) {
        if (floats != null) floats.put(i, floats.get(i) + (float) v);
        else doubles.put(i, doubles.get(i) + v);
    }

    public void fill(int from, int to, double v) {
        if (floats != null) {
            float fv = (float) v;
            for (int i = from; i < to; i++) floats.put(i, fv);
        } else {
            for (int i = from; i < to; i++) doubles.put(i, v);
        }
    }

    /** Sets [from, to) to zero; long ranges with one native memset. */
    public void zero(int from, int to) {
        if (to - from < 256) {
            fill(from, to, 0);
            return;
        }
        if (from < 0 || to > capacity) throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + capacity);
        int size = floats != null ? 4 : 8;
        BytePointer p = new BytePointer(flat.data().addressPointer());
        Pointer.memset(p.position((long) from * size), 0, (long) (to - from) * size);
    }

    /** Bulk read of float values (float tensors only): one native copy into a Java array. */
    public void read(int off, float[] dst, int dstOff, int len) {
        floats.get(off, dst, dstOff, len);
    }

    /** Bulk write of float values (float tensors only). */
    public void write(int off, float[] src, int srcOff, int len) {
        floats.put(off, src, srcOff, len);
    }

    /** Copies {@code len} elements of src (same type) from srcOff to dstOff in this tensor. */
    public void copyFrom(Tensor src, int srcOff, int dstOff, int len) {
        if (floats != null) floats.put(dstOff, src.floats, srcOff, len);
        else doubles.put(dstOff, src.doubles, srcOff, len);
    }

    /** Adds {@code len} elements of src (same type) from srcOff onto this tensor at dstOff. */
    public void addFrom(Tensor src, int srcOff, int dstOff, int len) {
        if (floats != null) {
            FloatBuffer s = src.floats;
            for (int i = 0; i < len; i++) floats.put(dstOff + i, floats.get(dstOff + i) + s.get(srcOff + i));
        } else {
            DoubleBuffer s = src.doubles;
            for (int i = 0; i < len; i++) doubles.put(dstOff + i, doubles.get(dstOff + i) + s.get(srcOff + i));
        }
    }

    /** A row-major {@code rows x cols} matrix view starting at element {@code offset}, created once and cached. */
    public INDArray matrix(long offset, int rows, int cols) {
        if (offset + (long) rows * cols > capacity) {
            throw new IndexOutOfBoundsException("view " + rows + "x" + cols + "@" + offset + " beyond " + capacity);
        }
        if (offset < (1L << 31) && rows < (1 << 16) && cols < (1 << 16)) {
            long key = (offset << 32) | ((long) rows << 16) | cols;
            INDArray v = views.get(key);
            if (v == null) {
                v = createView(offset, rows, cols);
                views.put(key, v);
            }
            return v;
        }
        return odd.computeIfAbsent(new ViewKey(offset, rows, cols), k -> createView(offset, rows, cols));
    }

    /** The first {@code rows x cols} elements as a matrix. */
    public INDArray matrix(int rows, int cols) {
        return matrix(0, rows, cols);
    }

    private INDArray createView(long offset, int rows, int cols) {
        return Nd4j.create(flat.data(), new long[] {rows, cols}, new long[] {cols, 1}, offset, 'c');
    }

    /** The whole memory as a flat INDArray (for bulk ND4J operations and tests). */
    public INDArray flat() {
        return flat;
    }

    /** Copies the first n elements into a new double array (tests, serialisation). */
    public double[] toDoubles(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = get(i);
        return out;
    }

    public float[] toFloats(int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) get(i);
        return out;
    }
}
