package dev.berth.model;

/** How a mount is seen from inside a container: writable or not (the {@code ro} of {@code -v} and {@code --mount}). */
public enum AccessMode {
    /** The container may write to it (the default). */
    READ_WRITE,
    /** The container sees it read-only ({@code :ro}, {@code readonly}). */
    READ_ONLY
}
