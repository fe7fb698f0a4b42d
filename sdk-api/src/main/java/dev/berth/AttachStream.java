package dev.berth;

/** A stream of a container that {@link Containers#attach(String, AttachOptions)} can attach to. */
public enum AttachStream {
    /** The container's stdin (only when it was created with {@code -i}). */
    STDIN("stdin"),
    /** The container's stdout. */
    STDOUT("stdout"),
    /** The container's stderr. */
    STDERR("stderr");

    private final String value;

    AttachStream(String value) {
        this.value = value;
    }

    /** {@return the daemon's name, such as {@code "stdout"}: the query parameter that asks for the stream} */
    public String value() {
        return value;
    }
}
