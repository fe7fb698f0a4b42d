package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code docker system df -v} shows ({@code GET /system/df}): the images, containers, volumes and build cache
 * the daemon keeps, with their sizes. Fields the record does not model (the deprecated {@code BuilderSize}, and
 * later additions) are kept in {@link #extras()}.
 *
 * <pre>{@code
 * DiskUsage df = docker.system().diskUsage();
 * df.layersSize();                                   // 1092588 bytes of image layers
 * df.containers().get(0).sizeRw();                   // bytes the container wrote
 * df.volumes().get(0).usageData().refCount();        // containers using the volume
 * }</pre>
 *
 * @param layersSize bytes of all image layers, shared ones counted once
 * @param images every image, with {@code Containers} (how many use it) and {@code SharedSize} computed
 * @param containers every container, running or not, with {@code SizeRw} and {@code SizeRootFs}
 * @param volumes every volume, with {@link VolumeDetails#usageData()} filled
 * @param buildCache the build cache records; empty when there are none
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiskUsage(
        @JsonProperty("LayersSize") long layersSize,
        @JsonProperty("Images") List<ImageSummary> images,
        @JsonProperty("Containers") List<ContainerSummary> containers,
        @JsonProperty("Volumes") List<VolumeDetails> volumes,
        @JsonProperty("BuildCache") List<BuildCacheRecord> buildCache,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies the lists and maps, unmodifiable; null becomes empty.
     *
     * @param layersSize bytes of all image layers, shared ones counted once
     * @param images every image, with {@code Containers} (how many use it) and {@code SharedSize} computed
     * @param containers every container, running or not, with {@code SizeRw} and {@code SizeRootFs}
     * @param volumes every volume, with {@link VolumeDetails#usageData()} filled
     * @param buildCache the build cache records; empty when there are none
     * @param extras every field this record does not model, as the daemon sent it
     */
    public DiskUsage {
        images = Copies.copy(images);
        containers = Copies.copy(containers);
        volumes = Copies.copy(volumes);
        buildCache = Copies.copy(buildCache);
        extras = Copies.copy(extras);
    }
}
