package dev.berth;

import dev.berth.errors.VersionConflictException;
import dev.berth.internal.SwarmObjects;
import dev.berth.model.ConfigDetails;
import dev.berth.transport.Transport;
import java.util.List;
import java.util.Map;

/**
 * Swarm configs: {@code docker config create}, {@code inspect}, {@code ls}, {@code rm}, and label updates. Like
 * secrets, but not encrypted at rest and readable back. Needs a manager.
 *
 * <pre>{@code
 * String id = swarm.configs().create("app.conf", "port=80\n".getBytes(UTF_8), Map.of());
 * swarm.services().create(ServiceSpec.builder("app:1").config(id, "app.conf", "/etc/app/app.conf").build());
 * }</pre>
 */
public final class Configs {
    private final SwarmObjects<ConfigDetails> objects;

    Configs(Transport transport) {
        this.objects = new SwarmObjects<>(transport, "/configs", ConfigDetails.class);
    }

    /**
     * {@code docker config create} without labels: returns the new config's id.
     *
     * @param name the config's name
     * @param data the content, at most 1000 KiB
     * @return the new config's id
     * @throws dev.berth.errors.ConflictException when the name is taken
     */
    public String create(String name, byte[] data) {
        return create(name, data, Map.of());
    }

    /**
     * {@code docker config create}: returns the new config's id.
     *
     * @param name the config's name
     * @param data the content, at most 1000 KiB; sent base64-encoded
     * @param labels the config's labels ({@code --label})
     * @return the new config's id
     * @throws dev.berth.errors.ConflictException when the name is taken
     */
    public String create(String name, byte[] data, Map<String, String> labels) {
        return objects.create(name, data, labels);
    }

    /**
     * {@code docker config inspect}, data included.
     *
     * @param id the config's id or name
     * @return the config's spec (data included), version and times
     * @throws dev.berth.errors.NotFoundException when there is no such config
     */
    public ConfigDetails inspect(String id) {
        return objects.inspect(id);
    }

    /**
     * {@code docker config ls}: every config.
     *
     * @return every config, data included
     */
    public List<ConfigDetails> list() {
        return list(Filters.none());
    }

    /**
     * {@code docker config ls --filter ...}.
     *
     * @param filters {@code id}, {@code label}, {@code name}, {@code names}
     * @return the matching configs, data included
     */
    public List<ConfigDetails> list(Filters filters) {
        return objects.list(filters.asMap());
    }

    /**
     * Replaces the config's labels, the only thing that can change; the data cannot.
     *
     * @param id the config's id or name
     * @param version the {@code Version.Index} the change was computed from
     * @param labels the labels from now on (all of them)
     * @throws VersionConflictException when the config changed since {@code version}
     */
    public void update(String id, long version, Map<String, String> labels) {
        objects.update(id, version, labels);
    }

    /**
     * {@code docker config rm}.
     *
     * @param id the config's id or name
     * @throws dev.berth.errors.NotFoundException when there is no such config
     * @throws dev.berth.errors.BadRequestException when a service uses it (engine 20.10 answers 400)
     */
    public void remove(String id) {
        objects.remove(id);
    }
}
