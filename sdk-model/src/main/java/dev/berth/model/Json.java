package dev.berth.model;

/**
 * Compacts JSON text as the CLI does with a {@code seccomp} profile (Go's {@code json.Compact}): whitespace outside
 * strings goes, everything else is kept byte for byte. The daemon parses the profile; this only checks that strings
 * and brackets are closed, so a truncated file fails here with its option named.
 */
final class Json {
    private Json() {
    }

    static String compact(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        int depth = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case ' ', '\t', '\n', '\r' -> { }
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    depth++;
                    out.append(c);
                }
                case '}', ']' -> {
                    depth--;
                    out.append(c);
                }
                default -> out.append(c);
            }
        }
        if (inString || depth != 0) {
            throw new IllegalArgumentException("invalid JSON: unclosed " + (inString ? "string" : "object or array"));
        }
        return out.toString();
    }
}
