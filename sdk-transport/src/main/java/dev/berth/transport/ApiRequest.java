package dev.berth.transport;

import dev.berth.transport.internal.PathSegments;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call to the Engine API, described but not yet sent: method, path, query, headers and body. The
 * {@link Transport} adds the {@code /vX.Y} prefix, escapes the path arguments and encodes the query.
 *
 * <pre>{@code
 * ApiRequest r = ApiRequest.get("/containers/{id}/json", id).query("size", true).build();
 * ApiRequest l = ApiRequest.get("/containers/json")
 *         .filters(Map.of("label", List.of("app=web"))).build();
 * }</pre>
 *
 * <p>{@code toString} shows the method and path, never the headers (which may carry registry credentials).
 */
public final class ApiRequest {
    /** Writes a request body to the connection, while the request is sent. */
    @FunctionalInterface
    public interface BodyWriter {
        /**
         * Writes the whole body to {@code out}; do not close it.
         *
         * @param out the connection's request body; stays open
         * @throws IOException when writing fails; the call then fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private final String method;
    private final String path;
    private final List<String> query;
    private final List<String> headers;
    private final Object json;
    private final BodyWriter body;
    private final String contentType;
    private final boolean streaming;

    private ApiRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.query = List.copyOf(b.query);
        this.headers = List.copyOf(b.headers);
        this.json = b.json;
        this.body = b.body;
        this.contentType = b.contentType;
        this.streaming = b.streaming;
    }

    /**
     * A GET of a path template such as {@code /containers/{id}/json}; each {@code {…}} takes the next argument.
     *
     * @param template the path, without the {@code /vX.Y} prefix or a query; each {@code {…}} is a placeholder
     * @param args one value per placeholder, in order; each is escaped as one path segment
     * @return a builder for the request
     * @throws IllegalArgumentException when the template does not start with {@code /} or the number of arguments does
     *         not match its placeholders
     */
    public static Builder get(String template, Object... args) {
        return new Builder("GET", template, args);
    }

    /**
     * A POST; see {@link #get}.
     *
     * @param template the path template, as for {@link #get}
     * @param args one value per placeholder, in order
     * @return a builder for the request
     * @throws IllegalArgumentException when the template does not start with {@code /} or the number of arguments does
     *         not match its placeholders
     */
    public static Builder post(String template, Object... args) {
        return new Builder("POST", template, args);
    }

    /**
     * A PUT; see {@link #get}.
     *
     * @param template the path template, as for {@link #get}
     * @param args one value per placeholder, in order
     * @return a builder for the request
     * @throws IllegalArgumentException when the template does not start with {@code /} or the number of arguments does
     *         not match its placeholders
     */
    public static Builder put(String template, Object... args) {
        return new Builder("PUT", template, args);
    }

    /**
     * A DELETE; see {@link #get}.
     *
     * @param template the path template, as for {@link #get}
     * @param args one value per placeholder, in order
     * @return a builder for the request
     * @throws IllegalArgumentException when the template does not start with {@code /} or the number of arguments does
     *         not match its placeholders
     */
    public static Builder delete(String template, Object... args) {
        return new Builder("DELETE", template, args);
    }

    /**
     * A HEAD; see {@link #get}.
     *
     * @param template the path template, as for {@link #get}
     * @param args one value per placeholder, in order
     * @return a builder for the request
     * @throws IllegalArgumentException when the template does not start with {@code /} or the number of arguments does
     *         not match its placeholders
     */
    public static Builder head(String template, Object... args) {
        return new Builder("HEAD", template, args);
    }

    /** {@return the HTTP method} */
    public String method() {
        return method;
    }

    /** {@return the path with its arguments escaped, without version prefix or query: {@code /containers/abc/json}} */
    public String path() {
        return path;
    }

    /** {@return query parameters as alternating names and values, already stringified} */
    public List<String> query() {
        return query;
    }

    /** {@return extra headers as alternating names and values} */
    public List<String> headers() {
        return headers;
    }

    /** The object to send as a JSON body, or null. */
    Object json() {
        return json;
    }

    /** The streamed body, or null. */
    BodyWriter body() {
        return body;
    }

    /** The streamed body's content type, or null. */
    String contentType() {
        return contentType;
    }

    /**
     * Whether the answer is a long-lived stream that must not time out between reads.
     *
     * @return true for follow, events, wait and attach calls; false for calls that answer and end
     */
    public boolean isStreaming() {
        return streaming;
    }

    /** {@code GET /containers/abc/json}: method and path, no query, no headers. */
    @Override
    public String toString() {
        return method + " " + path;
    }

    /** Collects the parts of a request. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final List<String> query = new ArrayList<>(4);
        private final List<String> headers = new ArrayList<>(2);
        private Object json;
        private BodyWriter body;
        private String contentType;
        private boolean streaming;

        private Builder(String method, String template, Object[] args) {
            this.method = method;
            this.path = expand(template, args);
        }

        /**
         * Adds a query parameter; a null value is left out, booleans are sent as {@code 1} and {@code 0}.
         *
         * @param name the parameter's name, as the spec spells it
         * @param value its value, sent with {@code toString()}
         * @return this builder
         */
        public Builder query(String name, @Nullable Object value) {
            if (value != null) {
                query.add(name);
                query.add(value instanceof Boolean flag ? (flag ? "1" : "0") : value.toString());
            }
            return this;
        }

        /**
         * Adds a time parameter ({@code since}, {@code until}) as the daemon reads it: Unix seconds with a
         * fraction; a null time is left out.
         *
         * @param name the parameter's name, such as {@code since}
         * @param t the time
         * @return this builder
         */
        public Builder queryTime(String name, java.time.@Nullable Instant t) {
            return t == null ? this : query(name, t.getEpochSecond() + "." + String.format("%09d", t.getNano()));
        }

        /**
         * Adds a query parameter sent as JSON text (for {@code buildargs}, {@code labels} and the like); a null
         * value is left out.
         *
         * @param name the parameter's name, such as {@code buildargs}
         * @param value an object Jackson writes as JSON
         * @return this builder
         */
        public Builder queryJson(String name, @Nullable Object value) {
            if (value != null) {
                query.add(name);
                query.add(Json.write(value));
            }
            return this;
        }

        /**
         * Adds the {@code filters} parameter in the daemon's canonical form {@code {"label":{"a=b":true}}}; empty
         * filters are left out.
         *
         * @param filters each filter's name and its values; empty for none
         * @return this builder
         */
        public Builder filters(Map<String, ? extends Collection<String>> filters) {
            if (filters == null || filters.isEmpty()) {
                return this;
            }
            Map<String, Map<String, Boolean>> canonical = new LinkedHashMap<>();
            filters.forEach((key, values) -> {
                Map<String, Boolean> set = new LinkedHashMap<>();
                values.forEach(v -> set.put(v, Boolean.TRUE));
                canonical.put(key, set);
            });
            return queryJson("filters", canonical);
        }

        /**
         * Adds a header.
         *
         * @param name the header's name
         * @param value its value
         * @return this builder
         * @throws NullPointerException when the name or value is null
         */
        public Builder header(String name, String value) {
            headers.add(Objects.requireNonNull(name));
            headers.add(Objects.requireNonNull(value, name));
            return this;
        }

        /**
         * Sets {@code X-Registry-Auth} (the base64url-encoded credentials); never logged. Null sets nothing.
         *
         * @param encoded the base64url-encoded JSON credentials
         * @return this builder
         */
        public Builder registryAuth(@Nullable String encoded) {
            return encoded == null ? this : header("X-Registry-Auth", encoded);
        }

        /**
         * Sends {@code value} as a JSON body.
         *
         * @param value an object Jackson writes as the body
         * @return this builder
         */
        public Builder json(Object value) {
            this.json = value;
            return this;
        }

        /**
         * Sends a body written while the request goes out (a tar, say), with no length known up front.
         *
         * @param contentType the body's {@code Content-Type}, such as {@code application/x-tar}
         * @param writer writes the body while the request goes out
         * @return this builder
         */
        public Builder body(String contentType, BodyWriter writer) {
            this.contentType = Objects.requireNonNull(contentType);
            this.body = Objects.requireNonNull(writer);
            return this;
        }

        /**
         * Marks the answer as a long-lived stream (follow, events, wait, attach): no read timeout applies.
         *
         * @return this builder
         */
        public Builder streaming() {
            this.streaming = true;
            return this;
        }

        /** {@return the request} */
        public ApiRequest build() {
            return new ApiRequest(this);
        }

        private static String expand(String template, Object[] args) {
            if (!template.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + template);
            }
            StringBuilder sb = new StringBuilder(template.length() + 32);
            int argIndex = 0;
            int i = 0;
            while (i < template.length()) {
                char c = template.charAt(i);
                if (c != '{') {
                    sb.append(c);
                    i++;
                    continue;
                }
                int end = template.indexOf('}', i);
                if (end < 0 || argIndex >= args.length) {
                    throw new IllegalArgumentException("path template " + template + " needs more arguments");
                }
                PathSegments.appendEscaped(sb, String.valueOf(args[argIndex++]));
                i = end + 1;
            }
            if (argIndex != args.length) {
                throw new IllegalArgumentException("path template " + template + " takes " + argIndex
                        + " arguments, got " + args.length);
            }
            return sb.toString();
        }
    }
}
