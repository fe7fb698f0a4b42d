package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One build cache record, as {@code docker system df -v} lists it ({@code BuildCache}, in
 * {@link DiskUsage#buildCache()}).
 *
 * <pre>{@code
 * for (BuildCacheRecord r : docker.system().diskUsage().buildCache()) {
 *     System.out.println(r.id() + " " + r.type() + " " + r.size() + (r.inUse() ? " in use" : ""));
 * }
 * }</pre>
 *
 * @param id the record's id
 * @param parent the parent record's id, as older daemons send it (API 1.41); null from newer ones, which send
 *        {@link #parents()}
 * @param parents the parent records' ids, as newer daemons send them; empty from older ones
 * @param type {@code regular}, {@code internal}, {@code frontend}, {@code source.local},
 *        {@code source.git.checkout} or {@code exec.cachemount}
 * @param description the build step that made it
 * @param inUse whether a build uses it now
 * @param shared whether other records share it
 * @param size the bytes it takes
 * @param createdAt when it was made, as RFC 3339 with nanoseconds
 * @param lastUsedAt when a build last used it, as RFC 3339 with nanoseconds; null when never
 * @param usageCount how many times builds used it
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BuildCacheRecord(
        @JsonProperty("ID") String id,
        @JsonProperty("Parent") @Nullable String parent,
        @JsonProperty("Parents") List<String> parents,
        @JsonProperty("Type") String type,
        @JsonProperty("Description") String description,
        @JsonProperty("InUse") boolean inUse,
        @JsonProperty("Shared") boolean shared,
        @JsonProperty("Size") long size,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("LastUsedAt") @Nullable String lastUsedAt,
        @JsonProperty("UsageCount") long usageCount,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code parents} and {@code extras}, unmodifiable; null becomes empty.
     *
     * @param id the record's id
     * @param parent the parent record's id, as older daemons send it (API 1.41); null from newer ones, which send
     *        {@link #parents()}
     * @param parents the parent records' ids, as newer daemons send them; empty from older ones
     * @param type {@code regular}, {@code internal}, {@code frontend}, {@code source.local},
     *        {@code source.git.checkout} or {@code exec.cachemount}
     * @param description the build step that made it
     * @param inUse whether a build uses it now
     * @param shared whether other records share it
     * @param size the bytes it takes
     * @param createdAt when it was made, as RFC 3339 with nanoseconds
     * @param lastUsedAt when a build last used it, as RFC 3339 with nanoseconds; null when never
     * @param usageCount how many times builds used it
     * @param extras every field this record does not model, as the daemon sent it
     */
    public BuildCacheRecord {
        parents = Copies.copy(parents);
        extras = Copies.copy(extras);
    }
}
