package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a prune removed ({@code POST /containers/prune}, also {@code /volumes/prune} and
 * {@code /networks/prune}; not {@code /images/prune}, whose {@code ImagesDeleted} has another shape).
 *
 * <pre>{@code
 * PruneResult r = docker.containers().prune();
 * r.deleted();          // [8dfafdbc3a40..., 9cd87474be90...]
 * r.spaceReclaimed();   // 109 (bytes)
 * }</pre>
 *
 * @param deleted the ids (for volumes and networks, the names) of what was removed
 * @param spaceReclaimed the disk space freed, in bytes (0 for networks)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PruneResult(
        @JsonProperty("ContainersDeleted") @JsonAlias({"VolumesDeleted", "NetworksDeleted"}) List<String> deleted,
        @JsonProperty("SpaceReclaimed") long spaceReclaimed) {

    /**
     * Copies {@code deleted}, unmodifiable; null becomes empty.
     *
     * @param deleted the ids (for volumes and networks, the names) of what was removed
     * @param spaceReclaimed the disk space freed, in bytes (0 for networks)
     */
    public PruneResult {
        deleted = Copies.copy(deleted);
    }
}
