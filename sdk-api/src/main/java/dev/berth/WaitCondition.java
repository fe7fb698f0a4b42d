package dev.berth;

/**
 * What {@link Containers#waitFor(String, WaitCondition)} waits for ({@code docker wait} waits until the container
 * is not running).
 *
 * <pre>{@code
 * docker.containers().waitFor(id, WaitCondition.NEXT_EXIT);
 * }</pre>
 */
public enum WaitCondition {
    /** The container is not running (returns at once when it is stopped already). */
    NOT_RUNNING("not-running"),
    /** The container's next exit. */
    NEXT_EXIT("next-exit"),
    /** The container has been removed. */
    REMOVED("removed");

    private final String value;

    WaitCondition(String value) {
        this.value = value;
    }

    /** {@return the daemon's name, such as {@code "not-running"}} */
    public String value() {
        return value;
    }
}
