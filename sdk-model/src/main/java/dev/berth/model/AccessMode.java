package dev.berth.model;

/**
 * Whether a container may write to a mount: {@code -v /src:/dst:ro} or {@code --mount ...,readonly}.
 *
 * <pre>{@code
 * ContainerSpec.builder("demo/busybox:1").bind(Path.of("/srv/www"), "/www", AccessMode.READ_ONLY).build();
 * }</pre>
 */
public enum AccessMode {
    /** The container may write (the default). */
    READ_WRITE,
    /** The container sees the mount read-only ({@code ro}). */
    READ_ONLY;

    /** {@return whether this is {@link #READ_ONLY}} */
    boolean readOnly() {
        return this == READ_ONLY;
    }
}
