package dev.berth.transport.internal;

import java.nio.charset.StandardCharsets;

/** Escapes one path argument (an id or a name) so that it stays one segment of the URL path. */
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
}
