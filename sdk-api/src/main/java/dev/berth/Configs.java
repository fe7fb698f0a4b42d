package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.model.ConfigDetails;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Swarm configs: {@code docker config create}, {@code inspect}, {@code ls}, {@code rm}, and label updates. Like
 * secrets, but not encrypted at rest and readable back. Needs a manager.
 *
 * <pre>{@code
 * String id = swarm.configs().create("app.conf", "port=80\n".getBytes(UTF_8), Map.of());
 * swarm.services().create(ServiceSpec.builder("app:1").config(id, "app.conf", "/etc/app/app.conf").build(), null);
 * }</pre>
 */
public final class Configs {
    private static final JavaType LIST =
            Json.mapper().getTypeFactory().constructCollectionType(List.class, ConfigDetails.class);

    private final Transport transport;

    Configs(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code docker config create}: returns the new config's id.
     *
     * @param name the config's name
     * @param data the content, at most 1000 KiB; sent base64-encoded
     * @param labels the config's labels (may be empty)
     * @throws dev.berth.transport.ConflictException when the name is taken
     */
    public String create(String name, byte[] data, Map<String, String> labels) {
        Objects.requireNonNull(data, "data");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("Name", Objects.requireNonNull(name, "name"));
        spec.put("Labels", labels == null ? Map.of() : labels);
        spec.put("Data", Base64.getEncoder().encodeToString(data));
        Map<?, ?> r = transport.json(ApiRequest.post("/configs/create").json(spec).build(), Map.class);
        return (String) r.get("ID");
    }

    /**
     * {@code docker config inspect}, data included.
     *
     * @throws dev.berth.transport.NotFoundException when there is no such config
     */
    public ConfigDetails inspect(String id) {
        return transport.json(ApiRequest.get("/configs/{id}", id).build(), ConfigDetails.class);
    }

    /**
     * {@code docker config ls}.
     *
     * @param filters {@code id}, {@code label}, {@code name}, {@code names}; empty for all
     */
    public List<ConfigDetails> list(Map<String, List<String>> filters) {
        return transport.json(ApiRequest.get("/configs").filters(filters).build(), LIST);
    }

    /**
     * Replaces the config's labels, the only thing that can change; the data cannot.
     *
     * @param version the {@code Version.Index} the change was computed from
     * @param labels the labels from now on (all of them)
     * @throws VersionConflictException when the config changed since {@code version}
     */
    public void update(String id, long version, Map<String, String> labels) {
        ConfigDetails.Spec current = inspect(id).spec();
        Map<String, Object> spec = new LinkedHashMap<>();
        if (current != null) {
            spec.putAll(current.extras());
            spec.put("Name", current.name());
        }
        spec.put("Labels", labels == null ? Map.of() : new LinkedHashMap<>(labels));
        VersionConflictException.guard(() -> transport.send(ApiRequest.post("/configs/{id}/update", id)
                .query("version", version).json(spec).build()).discard());
    }

    /**
     * {@code docker config rm}.
     *
     * @throws dev.berth.transport.NotFoundException when there is no such config
     * @throws dev.berth.transport.BadRequestException when a service uses it (engine 20.10 answers 400)
     */
    public void remove(String id) {
        transport.send(ApiRequest.delete("/configs/{id}", id).build()).discard();
    }
}
