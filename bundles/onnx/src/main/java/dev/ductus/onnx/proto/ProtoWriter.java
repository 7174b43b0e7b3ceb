package dev.ductus.onnx.proto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format, the little of it an ONNX file needs: varints (wire type 0), 32-bit floats (wire type 5)
 * and length-delimited fields (wire type 2: strings, bytes, nested messages). Repeated scalars are written one field
 * each (onnx.proto is proto2, where unpacked is the default; parsers accept both forms).
 */
public final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** An int32, int64 or enum field (negative values take ten bytes, as protobuf writes them). */
    public ProtoWriter int64(int field, long v) {
        tag(field, 0);
        varint(v);
        return this;
    }

    public ProtoWriter float32(int field, float v) {
        tag(field, 5);
        int bits = Float.floatToRawIntBits(v);
        for (int i = 0; i < 4; i++) out.write((bits >>> (8 * i)) & 0xFF);
        return this;
    }

    public ProtoWriter bytes(int field, byte[] v) {
        tag(field, 2);
        varint(v.length);
        out.write(v, 0, v.length);
        return this;
    }

    public ProtoWriter string(int field, String v) {
        return bytes(field, v.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoWriter message(int field, ProtoWriter nested) {
        return bytes(field, nested.toByteArray());
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
