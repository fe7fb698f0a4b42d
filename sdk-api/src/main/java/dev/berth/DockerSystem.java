package dev.berth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.DiskUsage;
import dev.berth.model.Event;
import dev.berth.model.ImageRemoval;
import dev.berth.model.PingResult;
import dev.berth.model.PruneResult;
import dev.berth.model.SystemInfo;
import dev.berth.model.SystemPruneResult;
import dev.berth.model.Version;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.ApiVersion;
import dev.berth.transport.Json;
import dev.berth.transport.JsonStream;
import dev.berth.transport.Transport;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The daemon itself: {@code docker version}, {@code docker info}, a ping, events, and the system-wide
 * {@code docker system df} and {@code docker system prune}.
 *
 * <pre>{@code
 * docker.system().ping().apiVersion();   // "1.41"
 * docker.system().info().containers();
 * docker.system().diskUsage().layersSize();
 * }</pre>
 */
public final class DockerSystem {
    /** The filters {@code POST /build/prune} understands; the build cache has no labels. */
    private static final Set<String> BUILD_CACHE_FILTERS = Set.of("until", "unused-for", "id", "parent", "type",
            "description", "inuse", "shared", "private");

    private final Transport transport;

    DockerSystem(Transport transport) {
        this.transport = transport;
    }

    /**
     * Pings the daemon ({@code GET /_ping}) and returns what its headers tell: API version, OS type, whether
     * experimental features are on, the default builder and the Swarm state.
     *
     * @return the answer's headers, read
     * @throws dev.berth.errors.DaemonUnreachableException when nothing answers
     */
    public PingResult ping() {
        try (ApiResponse r = transport.send(ApiRequest.get("/_ping").build())) {
            PingResult result = new PingResult(r.header("Api-Version"), r.header("Ostype"),
                    "true".equalsIgnoreCase(r.header("Docker-Experimental")), r.header("Builder-Version"),
                    r.header("Swarm"));
            r.discard();
            return result;
        }
    }

    /**
     * {@code docker version}: the engine's version, API versions and parts.
     *
     * @return the engine's version, API version and minimum API version, OS, architecture and components
     * @throws dev.berth.errors.DaemonUnreachableException when nothing answers
     */
    public Version version() {
        return transport.json(ApiRequest.get("/version").build(), Version.class);
    }

    /**
     * {@code docker events}: the events from now on, in a closeable, pull-based stream that follows until closed
     * (from any thread); see {@link #events(EventQuery)}.
     *
     * @return the stream of events; close it when done
     */
    public Stream<Event> events() {
        return events(EventQuery.live());
    }

    /**
     * {@code docker events --since --until --filter}: a closeable, pull-based stream; it ends by itself at the
     * query's {@link EventQuery#until()}, else when closed (from any thread). Close it to give back its connection.
     *
     * @param query the time range and filters
     * @return the stream of events; close it when done
     * @throws dev.berth.errors.StreamException when the daemon sends a malformed event
     */
    public Stream<Event> events(EventQuery query) {
        ApiResponse r = transport.send(ApiRequest.get("/events").queryTime("since", query.since().orElse(null))
                .queryTime("until", query.until().orElse(null)).filters(query.filters().asMap()).streaming()
                .build());
        return JsonStream.of(r.body(), Event.class, r.request()).stream();
    }

    /**
     * {@code docker info}: counts, storage driver, kernel, Swarm state and more.
     *
     * @return the daemon's system information
     * @throws dev.berth.errors.DaemonUnreachableException when nothing answers
     */
    public SystemInfo info() {
        return transport.json(ApiRequest.get("/info").build(), SystemInfo.class);
    }

    /**
     * {@code docker system df -v}: every image, container, volume and build cache record, with the space each
     * takes. The daemon computes all sizes for this call, which can take a while on a busy host.
     *
     * <pre>{@code
     * DiskUsage df = docker.system().diskUsage();
     * long volumeBytes = df.volumes().stream().mapToLong(v -> v.usageData().size()).sum();
     * }</pre>
     *
     * @return what the daemon keeps on disk
     * @throws dev.berth.errors.StreamException when the daemon's answer cannot be read
     */
    public DiskUsage diskUsage() {
        if (!transport.apiVersion().isAtLeast(SPLIT_DISK_USAGE)) {
            return transport.json(ApiRequest.get("/system/df").build(), DiskUsage.class);
        }
        // API 1.52 moved the lists into ImageUsage, ContainerUsage, ... (with verbose=1): read them back into
        // the one shape this record has. Only verbose=1 answers are read: without it 1.52 sends the old fields
        // too, and the changelog announced their removal from 1.53 on.
        ObjectNode split = transport.json(ApiRequest.get("/system/df").query("verbose", true).build(),
                ObjectNode.class);
        ObjectNode legacy = split.deepCopy();
        legacy.put("LayersSize", split.path("ImageUsage").path("TotalSize").asLong());
        legacy.set("Images", items(split, "ImageUsage"));
        legacy.set("Containers", items(split, "ContainerUsage"));
        legacy.set("Volumes", items(split, "VolumeUsage"));
        legacy.set("BuildCache", items(split, "BuildCacheUsage"));
        try {
            return Json.reader().treeToValue(legacy, DiskUsage.class);
        } catch (java.io.IOException e) {
            throw new dev.berth.errors.StreamException("malformed disk usage: " + e.getMessage(), "GET /system/df");
        }
    }

    /** From this version on, {@code /system/df} answers per kind ({@code ImageUsage}, ...). */
    private static final ApiVersion SPLIT_DISK_USAGE = ApiVersion.of(1, 52);

    /**
     * One kind's list from a split answer. The daemon leaves {@code Items} out when the kind has none (a host
     * without containers), and the whole kind out when it cannot count it (no builder, no build cache usage).
     */
    private static JsonNode items(ObjectNode split, String kind) {
        JsonNode items = split.path(kind).path("Items");
        return items.isArray() ? items : Json.arrayNode();
    }

    /**
     * {@code docker system prune --volumes}: every stopped container, unused network, unused volume, dangling image
     * and unused build cache record; see {@link #prune(Filters)}.
     *
     * @return what each of the five prunes removed, and the space freed in all
     */
    public SystemPruneResult prune() {
        return prune(Filters.none());
    }

    /**
     * {@code docker system prune --volumes --filter ...}: removes, in this order, stopped containers, unused
     * networks, unused volumes, dangling images and unused build cache, each matching the filters (such as
     * {@code label=k=v} or {@code label!=k}). As with the CLI, {@code until} is refused up front, since volume
     * pruning does not support it.
     *
     * <p>The build cache carries no labels: the daemon ignores a {@code label} filter there, so this removes every
     * unused build cache record whatever the label filter says, as {@code docker system prune} does. Only the
     * filters the build cache knows ({@code id}, {@code type}, {@code inuse} and the like) are sent to it. Volume
     * pruning follows {@link Volumes#prune(Filters)}: named and anonymous volumes, on every engine (unlike
     * {@code docker system prune --volumes} on API 1.42 and later, which keeps named ones).
     *
     * @param filters label filters, applied to each prune; {@link Filters#none()} for all unused objects
     * @return what each of the five prunes removed, and the space freed in all
     * @throws IllegalArgumentException when the filters hold {@code until}
     */
    public SystemPruneResult prune(Filters filters) {
        if (filters.has("until")) {
            throw new IllegalArgumentException("the until filter is not supported when pruning volumes");
        }
        PruneResult containers = transport.json(ApiRequest.post("/containers/prune").filters(filters.asMap())
                .build(), PruneResult.class);
        PruneResult networks = new Networks(transport).prune(filters);
        PruneResult volumes = new Volumes(transport).prune(filters);
        ImagesPruned images = transport.json(ApiRequest.post("/images/prune").filters(filters.asMap()).build(),
                ImagesPruned.class);
        Filters cacheFilters = Filters.none();
        for (String key : filters.keys()) {
            if (BUILD_CACHE_FILTERS.contains(key)) {
                cacheFilters = cacheFilters.and(key, filters.values(key).toArray(String[]::new));
            }
        }
        CachePruned cache = transport.json(ApiRequest.post("/build/prune").filters(cacheFilters.asMap()).build(),
                CachePruned.class);
        return new SystemPruneResult(containers.deleted(), networks.deleted(), volumes.deleted(),
                images.imagesDeleted(), cache.cachesDeleted(), containers.spaceReclaimed()
                + networks.spaceReclaimed() + volumes.spaceReclaimed() + images.spaceReclaimed()
                + cache.spaceReclaimed());
    }

    /** {@code POST /images/prune}'s answer ({@code ImagePruneResponse}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record ImagesPruned(@JsonProperty("ImagesDeleted") List<ImageRemoval> imagesDeleted,
                                @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
    }

    /** {@code POST /build/prune}'s answer ({@code BuildPruneResponse}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CachePruned(@JsonProperty("CachesDeleted") List<String> cachesDeleted,
                               @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
    }
}
