package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.model.PruneResult;
import dev.berth.model.VolumeDetails;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiVersion;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker volume}: ls, inspect, create, rm, prune. Every method is one Engine API call through the shared
 * request pipeline; errors are the typed exceptions of {@link dev.berth.errors.DockerException}, carrying the
 * daemon's message.
 *
 * <pre>{@code
 * Volumes v = docker.volumes();
 * v.create("data", "local", Map.of(), Map.of("team", "web"));
 * docker.containers().run(ContainerSpec.builder("demo/busybox:1").volume("data:/data")
 *         .cmd("sh", "-c", "echo hi > /data/f").build());
 * v.list(Map.of("label", List.of("team=web")));   // [VolumeDetails[name=data, driver=local, ...]]
 * }</pre>
 */
public final class Volumes {
    private static final JavaType DETAILS =
            Json.mapper().getTypeFactory().constructCollectionType(List.class, VolumeDetails.class);

    private final Transport transport;

    Volumes(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code docker volume ls --filter}: such as {@code label=k=v}, {@code name=data} (a part of the name),
     * {@code driver=local}, {@code dangling=true}. The daemon's {@code Warnings} (from volume drivers it could not
     * ask) are not returned.
     *
     * <pre>{@code
     * volumes.list(Map.of("dangling", List.of("true"))).forEach(v -> System.out.println(v.name()));
     * }</pre>
     *
     * @param filters the filters, or an empty map for every volume
     * @return the matching volumes, without {@link VolumeDetails#usageData()}
     */
    public List<VolumeDetails> list(Map<String, List<String>> filters) {
        Map<?, ?> r = transport.json(ApiRequest.get("/volumes").filters(filters).build(), Map.class);
        Object volumes = r.get("Volumes");
        return volumes == null ? List.of() : Json.mapper().convertValue(volumes, DETAILS);
    }

    /**
     * {@code docker volume inspect}.
     *
     * <pre>{@code
     * volumes.inspect("data").mountpoint();   // "/var/lib/docker/volumes/data/_data"
     * }</pre>
     *
     * @param name the volume's name
     * @return the volume
     * @throws dev.berth.errors.NotFoundException when there is no such volume
     */
    public VolumeDetails inspect(String name) {
        return transport.json(ApiRequest.get("/volumes/{name}", name).build(), VolumeDetails.class);
    }

    /**
     * {@code docker volume create}. Creating a volume whose name exists, with the same driver, returns the existing
     * one unchanged (its labels are not updated), as the daemon does.
     *
     * <pre>{@code
     * volumes.create("cache", "local", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=64m"), Map.of());
     * }</pre>
     *
     * @param name the volume's name, or null for a generated one
     * @param driver the volume driver, or null for {@code local}
     * @param driverOptions the driver's options ({@code --opt}); may be empty
     * @param labels the volume's labels; may be empty
     * @return the volume as created
     */
    public VolumeDetails create(String name, String driver, Map<String, String> driverOptions,
                                Map<String, String> labels) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("Name", name);
        }
        if (driver != null) {
            body.put("Driver", driver);
        }
        if (driverOptions != null && !driverOptions.isEmpty()) {
            body.put("DriverOpts", new LinkedHashMap<>(driverOptions));
        }
        if (labels != null && !labels.isEmpty()) {
            body.put("Labels", new LinkedHashMap<>(labels));
        }
        return transport.json(ApiRequest.post("/volumes/create").json(body).build(), VolumeDetails.class);
    }

    /**
     * {@code docker volume rm}. A volume any container uses, running or stopped, cannot be removed, even with
     * {@code force}.
     *
     * <pre>{@code
     * volumes.remove("data", false);
     * }</pre>
     *
     * @param name the volume's name
     * @param force no error when the volume does not exist, and remove it from Docker even when its driver fails
     * @throws dev.berth.errors.ConflictException when a container uses the volume
     * @throws dev.berth.errors.NotFoundException when there is no such volume (and {@code force} is false)
     */
    public void remove(String name, boolean force) {
        transport.send(ApiRequest.delete("/volumes/{name}", name).query("force", force ? true : null).build())
                .discard();
    }

    /**
     * {@code docker volume prune --all --filter}: removes the volumes no container uses that match the filters
     * ({@code label=k}, {@code label=k=v}, {@code label!=...}), named or anonymous, on every engine. API 1.41
     * daemons always prune named volumes too; from API 1.42 a daemon prunes only anonymous ones unless the filters
     * hold {@code all=true}, so Berth adds that filter there (it is what {@code docker volume prune --all} sends).
     * To prune only anonymous volumes on API 1.42 and later (the CLI's default), pass {@code all=false}; API 1.41
     * rejects an {@code all} filter (400).
     *
     * <pre>{@code
     * PruneResult r = volumes.prune(Map.of("label", List.of("team=web")));
     * r.deleted();          // [data]
     * r.spaceReclaimed();   // bytes
     * }</pre>
     *
     * @param filters the filters, or an empty map for every unused volume
     * @return the names of the removed volumes and the space freed
     */
    public PruneResult prune(Map<String, List<String>> filters) {
        return transport.json(ApiRequest.post("/volumes/prune").filters(pruneFilters(filters)).build(),
                PruneResult.class);
    }

    /** From this version on, the daemon prunes only anonymous volumes unless told {@code all=true}. */
    private static final ApiVersion ANONYMOUS_ONLY_PRUNE = ApiVersion.of(1, 42);

    /** The filters that make volume pruning mean the same on every engine: every unused volume that matches. */
    Map<String, List<String>> pruneFilters(Map<String, List<String>> filters) {
        if (filters.containsKey("all") || !transport.apiVersion().isAtLeast(ANONYMOUS_ONLY_PRUNE)) {
            return filters;
        }
        Map<String, List<String>> withAll = new LinkedHashMap<>(filters);
        withAll.put("all", List.of("true"));
        return withAll;
    }
}
