package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One changed path in a container's filesystem, as {@code docker diff} shows it
 * ({@code GET /containers/{id}/changes}).
 *
 * <pre>{@code
 * for (FilesystemChange c : docker.containers().changes("web")) {
 *     c.path();    // "/etc/nginx/conf.d"
 *     c.change();  // Kind.MODIFIED
 * }
 * }</pre>
 *
 * @param path the changed path
 * @param kind the daemon's code for the change: 0 modified, 1 added, 2 deleted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FilesystemChange(@JsonProperty("Path") String path, @JsonProperty("Kind") int kind) {

    /**
     * What happened to the path.
     *
     * @return the change {@link #kind()} stands for
     * @throws IllegalStateException when the daemon sent a code other than 0, 1 or 2
     */
    public Kind change() {
        return Kind.of(kind);
    }

    /** How a path changed; {@code docker diff} shows them as {@code C}, {@code A} and {@code D}. */
    public enum Kind {
        /** Code 0, shown as {@code C}. */
        MODIFIED,
        /** Code 1, shown as {@code A}. */
        ADDED,
        /** Code 2, shown as {@code D}. */
        DELETED;

        /**
         * The kind for the daemon's code.
         *
         * @param code 0, 1 or 2
         * @return {@link #MODIFIED}, {@link #ADDED} or {@link #DELETED}
         * @throws IllegalStateException for any other code
         */
        public static Kind of(int code) {
            return switch (code) {
                case 0 -> MODIFIED;
                case 1 -> ADDED;
                case 2 -> DELETED;
                default -> throw new IllegalStateException("unknown filesystem change kind " + code);
            };
        }
    }
}
