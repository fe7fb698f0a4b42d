package dev.berth.transport.internal;

import java.nio.charset.StandardCharsets;

/** Escapes path arguments (an id or a name) so that each stays one segment of the URL path, and query parts. */
public final class PathSegments {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    /**
     * Appends {@code value} percent-encoded: unreserved characters and {@code : @ + = ,} stay, everything else
     * (including {@code /}, {@code ?}, {@code #} and {@code %}) is escaped.
     *
     * @throws IllegalArgumentException for an empty value, {@code .} or {@code ..}, which would change the path
     */
    public static void appendEscaped(StringBuilder sb, String value) {
        if (value.isEmpty() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("not a valid id or name in a path: '" + value + "'");
        }
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '@' || c == '+'
                    || c == '=' || c == ',') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    /**
     * Appends a query parameter's name or value percent-encoded as Go's {@code url.QueryEscape} does, except that a
     * space is {@code %20} rather than {@code +}: only unreserved characters stay.
     */
    public static void appendQueryComponent(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append(c);
            } else if (c < 0x80) {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                for (byte b : value.substring(i, i + Character.charCount(value.codePointAt(i)))
                        .getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
                i += Character.charCount(value.codePointAt(i)) - 1;
            }
        }
    }
}
