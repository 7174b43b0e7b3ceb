package dev.ductus.onnx.proto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph being built (nodes in topological order, float and int64 initializers, typed inputs and outputs),
 * written as a {@code ModelProto}: IR version 8, the default domain at {@link #OPSET}. Field numbers are those of
 * onnx.proto (ModelProto 1 ir_version, 7 graph, 8 opset_import, 14 metadata_props; GraphProto 1 node, 2 name,
 * 5 initializer, 11 input, 12 output; NodeProto 1 input, 2 output, 3 name, 4 op_type, 5 attribute; ...).
 */
public final class OnnxGraph {
    /** IR version 8 (ONNX 1.10+) and opset 17 (LayerNormalization): onnxruntime 1.20 reads both. */
    public static final int IR_VERSION = 8;
    public static final int OPSET = 17;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    /** An attribute of a node: an int, a float, or a list of ints (AttributeProto types 2, 1, 7). */
    public record Attribute(String name, Object value) {
        public static Attribute of(String name, long v) {
            return new Attribute(name, v);
        }

        public static Attribute of(String name, float v) {
            return new Attribute(name, v);
        }

        public static Attribute of(String name, String v) {
            return new Attribute(name, v);
        }

        public static Attribute ints(String name, long... v) {
            return new Attribute(name, v.clone());
        }

        ProtoWriter proto() {
            ProtoWriter a = new ProtoWriter().string(1, name);
            if (value instanceof Long l) a.int64(3, l).int64(20, 2);
            else if (value instanceof Float f) a.float32(2, f).int64(20, 1);
            else if (value instanceof String s) a.string(4, s).int64(20, 3);
            else if (value instanceof long[] v) {
                for (long x : v) a.int64(8, x);
                a.int64(20, 7);
            } else {
                throw new IllegalStateException("attribute " + name + ": " + value);
            }
            return a;
        }
    }

    private final String name;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private int counter;

    public OnnxGraph(String name) {
        this.name = name;
    }

    /** A fresh value name with this prefix. */
    public String fresh(String prefix) {
        return prefix + "_" + (counter++);
    }

    /** Adds a node reading {@code in} (an empty name is an omitted optional input) and returns its first output. */
    public String node(String op, List<String> in, Attribute... attributes) {
        String out = fresh(op.toLowerCase(java.util.Locale.ROOT));
        nodeWithOutput(op, in, out, attributes);
        return out;
    }

    /** Adds a node writing the named output. */
    public void nodeWithOutput(String op, List<String> in, String out, Attribute... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String i : in) n.string(1, i);
        n.string(2, out).string(3, out).string(4, op);
        for (Attribute a : attributes) n.message(5, a.proto());
        nodes.add(n);
    }

    /** A float initializer of these dimensions (row-major values) and returns its name. */
    public String floats(String prefix, long[] dims, float[] values) {
        long size = 1;
        for (long d : dims) size *= d;
        if (size != values.length) throw new IllegalArgumentException(prefix + ": " + values.length + " values for " + java.util.Arrays.toString(dims));
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return tensor(prefix, dims, FLOAT, raw.array());
    }

    /** A 1-D int64 initializer (shapes, axes) and returns its name. */
    public String int64s(String prefix, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return tensor(prefix, new long[] {values.length}, INT64, raw.array());
    }

    private String tensor(String prefix, long[] dims, int type, byte[] raw) {
        String n = fresh(prefix);
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) t.int64(1, d);
        t.int64(2, type).string(8, n).bytes(9, raw);
        initializers.add(t);
        return n;
    }

    /** A float graph input; each dimension is a number or, for a {@link String}, a named variable size. */
    public void input(String value, Object... dims) {
        inputs.add(valueInfo(value, dims));
    }

    public void output(String value, Object... dims) {
        outputs.add(valueInfo(value, dims));
    }

    public void metadata(String key, String value) {
        metadata.put(key, value);
    }

    private static ProtoWriter valueInfo(String value, Object[] dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof String s) dim.string(2, s);
            else dim.int64(1, ((Number) d).longValue());
            shape.message(1, dim);
        }
        ProtoWriter tensor = new ProtoWriter().int64(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, value).message(2, new ProtoWriter().message(1, tensor));
    }

    /** The ModelProto bytes. */
    public byte[] toModel(String producer, String producerVersion, String doc) {
        ProtoWriter g = new ProtoWriter();
        for (ProtoWriter n : nodes) g.message(1, n);
        g.string(2, name);
        for (ProtoWriter t : initializers) g.message(5, t);
        for (ProtoWriter i : inputs) g.message(11, i);
        for (ProtoWriter o : outputs) g.message(12, o);
        ProtoWriter m = new ProtoWriter().int64(1, IR_VERSION).string(2, producer).string(3, producerVersion);
        if (doc != null && !doc.isEmpty()) m.string(6, doc);
        m.message(7, g);
        m.message(8, new ProtoWriter().string(1, "").int64(2, OPSET));
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            m.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
        }
        return m.toByteArray();
    }
}
