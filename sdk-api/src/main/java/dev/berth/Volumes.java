package dev.berth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.PruneResult;
import dev.berth.model.VolumeDetails;
import dev.berth.model.VolumeSpec;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiVersion;
import dev.berth.transport.Transport;
import java.util.List;
import java.util.Objects;

/**
 * {@code docker volume}: ls, inspect, create, rm, prune. Every method is one Engine API call through the shared
 * request pipeline; errors are the typed exceptions of {@link dev.berth.errors.DockerException}, carrying the
 * daemon's message.
 *
 * <pre>{@code
 * Volumes v = docker.volumes();
 * v.create(VolumeSpec.named("data").label("team", "web"));
 * docker.containers().run(ContainerSpec.builder("demo/busybox:1").volume("data:/data")
 *         .cmd("sh", "-c", "echo hi > /data/f").build());
 * v.list(Filters.label("team=web"));   // [VolumeDetails[name=data, driver=local, ...]]
 * }</pre>
 */
public final class Volumes {
    /** From this version on, the daemon prunes only anonymous volumes unless told {@code all=true}. */
    private static final ApiVersion ANONYMOUS_ONLY_PRUNE = ApiVersion.of(1, 42);

    private final Transport transport;

    Volumes(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code docker volume ls}: every volume; see {@link #list(Filters)}.
     *
     * @return the volumes, without {@link VolumeDetails#usageData()}
     */
    public List<VolumeDetails> list() {
        return list(Filters.none());
    }

    /**
     * {@code docker volume ls --filter}: such as {@code label=k=v}, {@code name=data} (a part of the name),
     * {@code driver=local}, {@code dangling=true}. The daemon's {@code Warnings} (from volume drivers it could not
     * ask) are not returned.
     *
     * @param filters the filters; {@link Filters#none()} for every volume
     * @return the matching volumes, without {@link VolumeDetails#usageData()}
     */
    public List<VolumeDetails> list(Filters filters) {
        VolumeList r = transport.json(ApiRequest.get("/volumes").filters(filters.asMap()).build(), VolumeList.class);
        return r == null || r.volumes() == null ? List.of() : List.copyOf(r.volumes());
    }

    /**
     * {@code docker volume inspect}.
     *
     * @param name the volume's name
     * @return the volume, with its driver, mount point, labels and options
     * @throws dev.berth.errors.NotFoundException when there is no such volume
     */
    public VolumeDetails inspect(String name) {
        return transport.json(ApiRequest.get("/volumes/{name}", name).build(), VolumeDetails.class);
    }

    /**
     * {@code docker volume create}: a volume on the {@code local} driver, with a name the daemon makes up.
     *
     * @return the name the daemon made up
     */
    public String create() {
        return create(VolumeSpec.anonymous());
    }

    /**
     * {@code docker volume create}. Creating a volume whose name exists, with the same driver, returns the existing
     * one unchanged (its labels are not updated), as the daemon does; {@link #inspect} shows what it holds.
     *
     * @param spec the volume's name, driver, driver options and labels
     * @return the volume's name: the spec's, or the one the daemon made up for an anonymous volume
     * @throws dev.berth.errors.ConflictException when a volume of that name exists on another driver
     */
    public String create(VolumeSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return transport.json(ApiRequest.post("/volumes/create").json(spec).build(), VolumeDetails.class).name();
    }

    /**
     * {@code docker volume rm}. A volume any container uses, running or stopped, cannot be removed.
     *
     * @param name the volume's name
     * @throws dev.berth.errors.ConflictException when a container uses the volume
     * @throws dev.berth.errors.NotFoundException when there is no such volume
     */
    public void remove(String name) {
        remove(name, VolumeRemoveOptions.defaults());
    }

    /**
     * {@code docker volume rm [-f]}. A volume any container uses, running or stopped, cannot be removed, even with
     * {@link VolumeRemoveOptions#force()}.
     *
     * @param name the volume's name
     * @param options {@code -f} or not
     * @throws dev.berth.errors.ConflictException when a container uses the volume
     * @throws dev.berth.errors.NotFoundException when there is no such volume, unless forced
     */
    public void remove(String name, VolumeRemoveOptions options) {
        transport.send(ApiRequest.delete("/volumes/{name}", name).query("force", options.isForce() ? true : null)
                .build()).discard();
    }

    /**
     * {@code docker volume prune --all}: every unused volume; see {@link #prune(Filters)}.
     *
     * @return the names of the removed volumes and the space freed
     */
    public PruneResult prune() {
        return prune(Filters.none());
    }

    /**
     * {@code docker volume prune --all --filter}: removes the volumes no container uses that match the filters
     * ({@code label=k}, {@code label=k=v}, {@code label!=...}), named or anonymous, on every engine. API 1.41
     * daemons always prune named volumes too; from API 1.42 a daemon prunes only anonymous ones unless the filters
     * hold {@code all=true}, so Berth adds that filter there (it is what {@code docker volume prune --all} sends).
     * To prune only anonymous volumes on API 1.42 and later (the CLI's default), pass {@code all=false}; API 1.41
     * rejects an {@code all} filter (400).
     *
     * @param filters label filters, or {@code all}; {@link Filters#none()} for every unused volume
     * @return the names of the removed volumes and the space freed
     */
    public PruneResult prune(Filters filters) {
        return transport.json(ApiRequest.post("/volumes/prune").filters(pruneFilters(filters).asMap()).build(),
                PruneResult.class);
    }

    /** The filters that make volume pruning mean the same on every engine: every unused volume that matches. */
    Filters pruneFilters(Filters filters) {
        if (filters.has("all") || !transport.apiVersion().isAtLeast(ANONYMOUS_ONLY_PRUNE)) {
            return filters;
        }
        return filters.and("all", "true");
    }

    /** {@code GET /volumes}: the volumes and the warnings, which Berth does not return. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record VolumeList(@JsonProperty("Volumes") List<VolumeDetails> volumes) {
    }
}
