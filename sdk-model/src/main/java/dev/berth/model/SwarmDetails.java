package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code docker swarm inspect} shows, as a manager sees it ({@code GET /swarm}): the swarm's id, the version
 * an update must name, its join tokens and its settings. {@code TLSInfo}, {@code DefaultAddrPool},
 * {@code SubnetSize}, {@code DataPathPort} and the rest are kept in {@link #extras()}.
 *
 * <pre>{@code
 * SwarmDetails s = docker.swarm().inspect();
 * s.id();                          // "rzsvd6mdmq8r1bsoq8qgcdafs"
 * s.version().index();             // 10
 * s.spec().orchestration();       // Orchestration[taskHistoryRetentionLimit=5, extras={}]
 * }</pre>
 *
 * @param id the swarm's id
 * @param version the version to name in {@code update}
 * @param createdAt when the swarm was created, as RFC 3339 with nanoseconds
 * @param updatedAt when the swarm was last changed
 * @param spec the swarm's settings: labels, task history, Raft, dispatcher, CA, autolock, task defaults
 * @param joinTokens the worker and manager join tokens
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SwarmDetails(
        @JsonProperty("ID") String id,
        @JsonProperty("Version") ObjectVersion version,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("UpdatedAt") String updatedAt,
        @JsonProperty("Spec") SwarmSpec spec,
        @JsonProperty("JoinTokens") JoinTokens joinTokens,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code extras}, unmodifiable; null becomes empty.
     *
     * @param id the swarm's id
     * @param version the version to name in {@code update}
     * @param createdAt when the swarm was created, as RFC 3339 with nanoseconds
     * @param updatedAt when the swarm was last changed
     * @param spec the swarm's settings: labels, task history, Raft, dispatcher, CA, autolock, task defaults
     * @param joinTokens the worker and manager join tokens
     * @param extras every field this record does not model, as the daemon sent it
     */
    public SwarmDetails {
        extras = Copies.copy(extras);
    }

    /** All components, the join tokens masked and secret-looking values in the spec (a CA signing key) masked. */
    @Override
    public String toString() {
        return Masking.record(this);
    }

    /** {@return {@code Version.Index}, or 0 when the daemon sent no version} */
    public long versionIndex() {
        return ObjectVersion.indexOf(version);
    }
}
