package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The version of a Swarm object ({@code Version.Index}): every change to a swarm, node, service, secret or config
 * raises it, and an update must name the index it was computed from, so two writers cannot silently overwrite each
 * other. A stale index makes the daemon refuse the update ({@code VersionConflictException} in the client).
 *
 * <pre>{@code
 * ServiceDetails s = swarm.services().inspect("web");
 * swarm.services().update(s.id(), s.version().index(), s.spec().toBuilder().replicas(5).build());
 * }</pre>
 *
 * @param index the Raft index of the object's last change
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectVersion(@JsonProperty("Index") long index) {

    /** {@return the index of a possibly absent version; 0 when the daemon sent none} */
    static long indexOf(ObjectVersion v) {
        return v == null ? 0 : v.index;
    }
}
