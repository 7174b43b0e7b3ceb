package dev.ductus.onnx.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The wire format against hand-worked bytes (the protobuf encoding guide's examples). */
class ProtoWriterTest {
    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    @Test
    void varintsAsTheEncodingGuideWritesThem() {
        // field 1 = 150: 08 96 01; field 2 = 300: 10 ac 02; field 1 = -1: ten bytes
        assertArrayEquals(bytes(0x08, 0x96, 0x01), new ProtoWriter().int64(1, 150).toByteArray());
        assertArrayEquals(bytes(0x10, 0xac, 0x02), new ProtoWriter().int64(2, 300).toByteArray());
        assertArrayEquals(bytes(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
                new ProtoWriter().int64(1, -1).toByteArray());
    }

    @Test
    void stringsFloatsAndNestedMessages() {
        // field 2 = "testing": 12 07 74 65 73 74 69 6e 67
        assertArrayEquals(bytes(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67),
                new ProtoWriter().string(2, "testing").toByteArray());
        // field 2 (fixed32) = 1.0f: 15 00 00 80 3f
        assertArrayEquals(bytes(0x15, 0x00, 0x00, 0x80, 0x3f), new ProtoWriter().float32(2, 1f).toByteArray());
        // field 3 = message {field 1 = 150}: 1a 03 08 96 01
        assertArrayEquals(bytes(0x1a, 0x03, 0x08, 0x96, 0x01),
                new ProtoWriter().message(3, new ProtoWriter().int64(1, 150)).toByteArray());
    }
}
