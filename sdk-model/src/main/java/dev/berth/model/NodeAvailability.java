package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a swarm node takes tasks ({@code docker node update --availability}). */
public enum NodeAvailability {
    /** Takes new tasks. */
    ACTIVE("active"),
    /** Keeps its tasks, takes no new ones. */
    PAUSE("pause"),
    /** Takes no tasks; the ones it runs are moved to other nodes. */
    DRAIN("drain");

    private final String value;

    NodeAvailability(String value) {
        this.value = value;
    }

    /** {@return the daemon's spelling: {@code active}, {@code pause} or {@code drain}} */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * {@return the availability the daemon's spelling names}
     *
     * @param value {@code active}, {@code pause} or {@code drain}, as the daemon writes it
     * @throws IllegalArgumentException for anything but {@code active}, {@code pause} and {@code drain}
     */
    @JsonCreator
    public static NodeAvailability of(String value) {
        return ApiEnums.of(values(), NodeAvailability::value, value, "node availability");
    }
}
