package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A swarm node's role ({@code docker node update --role}, {@code docker node ls --filter role=...}). */
public enum NodeRole {
    /** Runs tasks only. */
    WORKER("worker"),
    /** Runs tasks and takes part in the Raft cluster that holds the swarm's state. */
    MANAGER("manager");

    private final String value;

    NodeRole(String value) {
        this.value = value;
    }

    /** {@return the daemon's spelling: {@code worker} or {@code manager}} */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * {@return the role the daemon's spelling names}
     *
     * @param value {@code worker} or {@code manager}, as the daemon writes it
     * @throws IllegalArgumentException for anything but {@code worker} and {@code manager}
     */
    @JsonCreator
    public static NodeRole of(String value) {
        return ApiEnums.of(values(), NodeRole::value, value, "node role");
    }
}
