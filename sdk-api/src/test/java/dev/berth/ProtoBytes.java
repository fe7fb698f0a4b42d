package dev.berth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Writes protobuf wire-format bytes by hand, for decoder tests: each call appends one field. */
final class ProtoBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static ProtoBytes message() {
        return new ProtoBytes();
    }

    ProtoBytes varint(int field, long value) {
        key(field, 0);
        raw(value);
        return this;
    }

    ProtoBytes string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoBytes bytes(int field, byte[] value) {
        key(field, 2);
        raw(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoBytes message(int field, ProtoBytes value) {
        return bytes(field, value.toByteArray());
    }

    ProtoBytes fixed64(int field, long value) {
        key(field, 1);
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    ProtoBytes fixed32(int field, int value) {
        key(field, 5);
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
        return this;
    }

    /** A {@code google.protobuf.Timestamp} field. */
    ProtoBytes timestamp(int field, Instant t) {
        ProtoBytes ts = message().varint(1, t.getEpochSecond());
        if (t.getNano() != 0) {
            ts.varint(2, t.getNano());
        }
        return message(field, ts);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void key(int field, int wireType) {
        raw(((long) field << 3) | wireType);
    }

    private void raw(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
