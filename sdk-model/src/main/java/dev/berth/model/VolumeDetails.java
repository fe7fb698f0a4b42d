package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A volume as {@code docker volume inspect} shows it ({@code GET /volumes/{name}}), as each row of
 * {@code docker volume ls}, and in {@link DiskUsage#volumes()}, the only place that fills {@link #usageData()}.
 * Fields the record does not model are kept in {@link #extras()}: the volume driver's own {@code Status}
 * (free-form, whatever the driver reports), {@code ClusterVolume} from API 1.42, and later additions.
 *
 * <pre>{@code
 * VolumeDetails v = docker.volumes().inspect("data");
 * v.driver();       // "local"
 * v.mountpoint();   // "/var/lib/docker/volumes/data/_data"
 * v.labels();       // {team=web}
 * }</pre>
 *
 * @param name the volume's name
 * @param driver the volume driver, such as {@code local}
 * @param mountpoint where the volume lives on the daemon's host
 * @param createdAt when the volume was created, as RFC 3339; null when the driver does not tell
 * @param labels the volume's labels
 * @param scope {@code local} or {@code global}
 * @param options the driver options the volume was created with
 * @param usageData the volume's size and reference count; only {@code GET /system/df} sends it, null elsewhere
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeDetails(
        @JsonProperty("Name") String name,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Mountpoint") String mountpoint,
        @JsonProperty("CreatedAt") @Nullable String createdAt,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Scope") String scope,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("UsageData") @Nullable UsageData usageData,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code labels}, {@code options} and {@code extras}, unmodifiable; null becomes empty.
     *
     * @param name the volume's name
     * @param driver the volume driver, such as {@code local}
     * @param mountpoint where the volume lives on the daemon's host
     * @param createdAt when the volume was created, as RFC 3339; null when the driver does not tell
     * @param labels the volume's labels
     * @param scope {@code local} or {@code global}
     * @param options the driver options the volume was created with
     * @param usageData the volume's size and reference count; only {@code GET /system/df} sends it, null elsewhere
     * @param extras every field this record does not model, as the daemon sent it
     */
    public VolumeDetails {
        labels = Copies.copy(labels);
        options = Copies.copy(options);
        extras = Copies.copy(extras);
    }

    /** All components, with secret-looking driver options ({@code o=addr=nas,password=***}) and labels masked. */
    @Override
    public String toString() {
        return Masking.record(this);
    }

    /**
     * How much a volume uses ({@code UsageData}, from {@code GET /system/df}).
     *
     * <pre>{@code
     * VolumeDetails.UsageData u = docker.system().diskUsage().volumes().get(0).usageData();
     * u.size();       // 65536 bytes, or -1 when the driver cannot tell
     * u.refCount();   // 2 containers use it, or -1 when unknown
     * }</pre>
     *
     * @param size bytes the volume uses; -1 when not available (drivers other than {@code local})
     * @param refCount how many containers reference the volume; -1 when not available
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UsageData(@JsonProperty("Size") long size, @JsonProperty("RefCount") long refCount) {
    }
}
