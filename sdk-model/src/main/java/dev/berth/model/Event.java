package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One message of {@code docker events} ({@code GET /events}). Daemons before API 1.52 also send the legacy
 * fields {@code status}, {@code id} and {@code from}; from 1.52 on they are null, so read {@link #action()},
 * {@link #actor()}{@code .id()} and the actor's {@code image} attribute instead.
 *
 * <pre>{@code
 * Event e = ...;
 * e.type();                              // "container"
 * e.action();                            // "start"
 * e.actor().attributes().get("name");    // "web"
 * e.instant();                           // 2021-08-21T19:38:15.515050031Z
 * }</pre>
 *
 * @param type what emitted the event: {@code container}, {@code image}, {@code network}, {@code volume},
 *             {@code daemon}, {@code plugin}, {@code service}, {@code node}, {@code secret}, {@code config},
 *             {@code builder}
 * @param action what happened, such as {@code create}, {@code start}, {@code die}, or
 *               {@code exec_start: sh -c ...}
 * @param actor the object the event is about
 * @param scope {@code local} for engine events, {@code swarm} for cluster events
 * @param time when it happened, in seconds since the epoch
 * @param timeNano when it happened, in nanoseconds since the epoch
 * @param status the legacy action field; null from API 1.52 on
 * @param id the legacy actor id field; null from API 1.52 on
 * @param from the legacy image field of container events; null from API 1.52 on
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Event(
        @JsonProperty("Type") String type,
        @JsonProperty("Action") String action,
        @JsonProperty("Actor") Actor actor,
        @JsonProperty("scope") String scope,
        @JsonProperty("time") long time,
        @JsonProperty("timeNano") long timeNano,
        @JsonProperty("status") @Nullable String status,
        @JsonProperty("id") @Nullable String id,
        @JsonProperty("from") @Nullable String from,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code extras}, unmodifiable; null becomes empty.
     *
     * @param type what emitted the event: {@code container}, {@code image}, {@code network}, {@code volume},
     *        {@code daemon}, {@code plugin}, {@code service}, {@code node}, {@code secret}, {@code config},
     *        {@code builder}
     * @param action what happened, such as {@code create}, {@code start}, {@code die}, or {@code exec_start: sh -c ...}
     * @param actor the object the event is about
     * @param scope {@code local} for engine events, {@code swarm} for cluster events
     * @param time when it happened, in seconds since the epoch
     * @param timeNano when it happened, in nanoseconds since the epoch
     * @param status the legacy action field; null from API 1.52 on
     * @param id the legacy actor id field; null from API 1.52 on
     * @param from the legacy image field of container events; null from API 1.52 on
     * @param extras every field this record does not model, as the daemon sent it
     */
    public Event {
        extras = Copies.copy(extras);
    }

    /**
     * When the event happened, to the nanosecond when the daemon sent {@code timeNano}.
     *
     * @return {@link #timeNano()} as an instant, or {@link #time()} when {@code timeNano} is 0
     */
    public Instant instant() {
        if (timeNano != 0) {
            return Instant.ofEpochSecond(Math.floorDiv(timeNano, 1_000_000_000L),
                    Math.floorMod(timeNano, 1_000_000_000L));
        }
        return Instant.ofEpochSecond(time);
    }

    /**
     * The object an event is about.
     *
     * <pre>{@code
     * Actor a = event.actor();
     * a.id();                        // "ede54ee1afda..."
     * a.attributes().get("image");   // "alpine:latest"
     * }</pre>
     *
     * @param id the object's id (for images and volumes, often its name)
     * @param attributes the object's attributes, such as {@code name}, {@code image}, {@code exitCode} and its
     *                   labels
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Actor(@JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {
        /**
         * Copies {@code attributes}, unmodifiable; null becomes empty.
         *
         * @param id the object's id (for images and volumes, often its name)
         * @param attributes the object's attributes, such as {@code name}, {@code image}, {@code exitCode} and its
         *        labels
         */
        public Actor {
            attributes = Copies.copy(attributes);
        }

        /** The id and attributes; secret-looking attributes (labels) masked as in {@link ContainerSpec}. */
        @Override
        public String toString() {
            return Masking.record(this);
        }
    }
}
