package dev.berth.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protobuf wire format, field by field, for the few messages Berth decodes (BuildKit's progress trace):
 * varints, 64- and 32-bit fixed values, and length-delimited fields (strings, bytes, nested messages). Unknown
 * fields are skipped with {@link #skip()}, so newer daemons adding fields do no harm.
 *
 * <pre>{@code
 * ProtoReader r = new ProtoReader(bytes);
 * while (r.next()) {
 *     switch (r.field()) {
 *         case 1 -> name = r.string();
 *         default -> r.skip();
 *     }
 * }
 * }</pre>
 */
public final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int limit;
    private int field;
    private int wireType;

    ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    private ProtoReader(byte[] buf, int from, int limit) {
        this.buf = buf;
        this.pos = from;
        this.limit = limit;
    }

    /** Reads the next field's key; false at the end of the message. */
    boolean next() {
        if (pos >= limit) {
            return false;
        }
        long key = varint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field <= 0 || key >>> 3 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("protobuf: bad field key " + key + " at byte " + pos);
        }
        return true;
    }

    /** The current field's number. */
    int field() {
        return field;
    }

    /** The current field's wire type. */
    int wireType() {
        return wireType;
    }

    /** The current field as a varint (int32, int64, uint, bool, enum). */
    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new IllegalArgumentException("protobuf: varint cut short");
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("protobuf: varint longer than 10 bytes");
    }

    /** The current field as a bool. */
    boolean bool() {
        expect(VARINT);
        return varint() != 0;
    }

    /** The current field as an int64 or int32 varint. */
    long int64() {
        expect(VARINT);
        return varint();
    }

    /** The current field's bytes (a length-delimited field). */
    byte[] bytes() {
        int length = length();
        byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return out;
    }

    /** The current field as UTF-8 text. */
    String string() {
        int length = length();
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    /** The current field as a nested message, read by a reader of its own. */
    ProtoReader message() {
        int length = length();
        ProtoReader nested = new ProtoReader(buf, pos, pos + length);
        pos += length;
        return nested;
    }

    /** Skips the current field, whatever its type. */
    void skip() {
        switch (wireType) {
            case VARINT:
                varint();
                break;
            case FIXED64:
                advance(8);
                break;
            case LENGTH_DELIMITED:
                advance(length());
                break;
            case FIXED32:
                advance(4);
                break;
            default: // 3 and 4 are the long-deprecated groups, which no message here uses
                throw new IllegalArgumentException("protobuf: unsupported wire type " + wireType + " of field " + field);
        }
    }

    private int length() {
        expect(LENGTH_DELIMITED);
        long length = varint();
        if (length < 0 || length > limit - pos) {
            throw new IllegalArgumentException("protobuf: field " + field + " of " + length
                    + " bytes runs past its message");
        }
        return (int) length;
    }

    private void advance(int n) {
        if (n > limit - pos) {
            throw new IllegalArgumentException("protobuf: field " + field + " cut short");
        }
        pos += n;
    }

    private void expect(int type) {
        if (wireType != type) {
            throw new IllegalArgumentException("protobuf: field " + field + " has wire type " + wireType
                    + ", expected " + type);
        }
    }
}
