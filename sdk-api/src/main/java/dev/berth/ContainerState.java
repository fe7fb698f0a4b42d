package dev.berth;

/**
 * The states a container is in, as {@code docker ps --filter status=...} names them.
 *
 * <pre>{@code
 * docker.containers().list(ContainerQuery.all().status(ContainerState.EXITED, ContainerState.DEAD));
 * }</pre>
 */
public enum ContainerState {
    /** Created and never started. */
    CREATED("created"),
    /** Its process runs. */
    RUNNING("running"),
    /** Its processes are frozen ({@code docker pause}). */
    PAUSED("paused"),
    /** Being restarted by its restart policy. */
    RESTARTING("restarting"),
    /** Being removed. */
    REMOVING("removing"),
    /** Its process has ended. */
    EXITED("exited"),
    /** The daemon failed to stop or remove it. */
    DEAD("dead");

    private final String value;

    ContainerState(String value) {
        this.value = value;
    }

    /** {@return the daemon's name, such as {@code "exited"}} */
    public String value() {
        return value;
    }
}
