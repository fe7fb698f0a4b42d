package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.model.SecretDetails;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Swarm secrets: {@code docker secret create}, {@code inspect}, {@code ls}, {@code rm}, and label updates. The data
 * goes to the managers once, at create, and reaches only the tasks given the secret (as
 * {@code /run/secrets/NAME}); no call returns it, and nothing here logs or prints it. Needs a manager.
 *
 * <pre>{@code
 * String id = swarm.secrets().create("db-password", password, Map.of("env", "prod"));
 * swarm.services().create(ServiceSpec.builder("app:1").secret(id, "db-password", "db-password").build(), null);
 * }</pre>
 */
public final class Secrets {
    private static final JavaType LIST =
            Json.mapper().getTypeFactory().constructCollectionType(List.class, SecretDetails.class);

    private final Transport transport;

    Secrets(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code docker secret create}: returns the new secret's id.
     *
     * @param name the secret's name
     * @param data the secret, at most 500 KiB; sent base64-encoded
     * @param labels the secret's labels (may be empty)
     * @throws dev.berth.transport.ConflictException when the name is taken
     */
    public String create(String name, byte[] data, Map<String, String> labels) {
        Objects.requireNonNull(data, "data");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("Name", Objects.requireNonNull(name, "name"));
        spec.put("Labels", labels == null ? Map.of() : labels);
        spec.put("Data", Base64.getEncoder().encodeToString(data));
        Map<?, ?> r = transport.json(ApiRequest.post("/secrets/create").json(spec).build(), Map.class);
        return (String) r.get("ID");
    }

    /**
     * {@code docker secret inspect}: everything but the data.
     *
     * @throws dev.berth.transport.NotFoundException when there is no such secret
     */
    public SecretDetails inspect(String id) {
        return transport.json(ApiRequest.get("/secrets/{id}", id).build(), SecretDetails.class);
    }

    /**
     * {@code docker secret ls}.
     *
     * @param filters {@code id}, {@code label}, {@code name}, {@code names}; empty for all
     */
    public List<SecretDetails> list(Map<String, List<String>> filters) {
        return transport.json(ApiRequest.get("/secrets").filters(filters).build(), LIST);
    }

    /**
     * Replaces the secret's labels, the only thing that can change; the data cannot.
     *
     * @param version the {@code Version.Index} the change was computed from
     * @param labels the labels from now on (all of them)
     * @throws VersionConflictException when the secret changed since {@code version}
     */
    public void update(String id, long version, Map<String, String> labels) {
        SecretDetails.Spec current = inspect(id).spec();
        Map<String, Object> spec = new LinkedHashMap<>();
        if (current != null) {
            spec.putAll(current.extras());
            spec.remove("Data");
            spec.put("Name", current.name());
        }
        spec.put("Labels", labels == null ? Map.of() : new LinkedHashMap<>(labels));
        VersionConflictException.guard(() -> transport.send(ApiRequest.post("/secrets/{id}/update", id)
                .query("version", version).json(spec).build()).discard());
    }

    /**
     * {@code docker secret rm}.
     *
     * @throws dev.berth.transport.NotFoundException when there is no such secret
     * @throws dev.berth.transport.BadRequestException when a service uses it (engine 20.10 answers 400)
     */
    public void remove(String id) {
        transport.send(ApiRequest.delete("/secrets/{id}", id).build()).discard();
    }
}
