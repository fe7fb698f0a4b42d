package dev.berth;

/**
 * What {@link Containers#waitFor} waits for.
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

    private final String apiName;

    WaitCondition(String apiName) {
        this.apiName = apiName;
    }

    String apiName() {
        return apiName;
    }
}
