package dev.berth.transport.internal;

import java.util.List;

/** Writes a request's head as HTTP/1.1 text, refusing what would change its meaning (a line break in a header). */
final class Http1Request {
    private Http1Request() {
    }

    /**
     * The request line, the headers, the body's framing headers and the empty line.
     *
     * @throws IllegalArgumentException when the target or a header holds a character HTTP does not allow there
     */
    static String head(OutgoingRequest r) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(r.method()).append(' ');
        String target = r.target();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException("unexpected character 0x" + Integer.toHexString(c)
                        + " in the request target at " + i);
            }
        }
        sb.append(target).append(" HTTP/1.1\r\n");
        List<String> h = r.headers();
        for (int i = 0; i < h.size(); i += 2) {
            header(sb, h.get(i), h.get(i + 1));
        }
        if (r.upgrade()) {
            sb.append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
        }
        byte[] content = r.content();
        if (content != null) {
            header(sb, "Content-Type", r.contentType());
            sb.append("Content-Length: ").append(content.length).append("\r\n");
        } else if (r.writer() != null) {
            header(sb, "Content-Type", r.contentType());
            sb.append("Transfer-Encoding: chunked\r\n");
        } else if (r.needsBody()) {
            sb.append("Content-Length: 0\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /**
     * Appends one header line. Names are tokens; values are visible ASCII, spaces and tabs (OkHttp's rule): a CR or
     * LF in a value would start a header of the caller's choosing, a non-ASCII byte has no agreed meaning.
     */
    private static void header(StringBuilder sb, String name, String value) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ':') {
                throw new IllegalArgumentException("unexpected character 0x" + Integer.toHexString(c)
                        + " at " + i + " in header name: " + name);
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c >= 0x7f) {
                // the value itself may be a secret (X-Registry-Auth): name the header, never show the value
                throw new IllegalArgumentException("unexpected character 0x" + Integer.toHexString(c)
                        + " at " + i + " in the value of header " + name);
            }
        }
        sb.append(name).append(": ").append(value).append("\r\n");
    }
}
