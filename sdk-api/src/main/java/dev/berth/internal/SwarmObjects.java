package dev.berth.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The calls secrets and configs share: the same five endpoints under {@code /secrets} or {@code /configs}, with a
 * name, base64 data and labels; only labels can change after create.
 *
 * @param <T> the record an object is read as
 */
public final class SwarmObjects<T> {
    private final Transport transport;
    private final String path;
    private final Class<T> type;
    private final JavaType listType;

    public SwarmObjects(Transport transport, String path, Class<T> type) {
        this.transport = transport;
        this.path = path;
        this.type = type;
        this.listType = Json.typeFactory().constructCollectionType(List.class, type);
    }

    public String create(String name, byte[] data, Map<String, String> labels) {
        Objects.requireNonNull(data, "data");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("Name", Objects.requireNonNull(name, "name"));
        spec.put("Labels", labels == null ? Map.of() : labels);
        spec.put("Data", Base64.getEncoder().encodeToString(data));
        return transport.json(ApiRequest.post(path + "/create").json(spec).build(), JsonNode.class).path("ID")
                .asText();
    }

    public T inspect(String id) {
        return transport.json(ApiRequest.get(path + "/{id}", id).build(), type);
    }

    /** @param filters as {@code Filters} holds them (name to values): a public type would open its internals here */
    public List<T> list(Map<String, List<String>> filters) {
        return transport.json(ApiRequest.get(path).filters(filters).build(), listType);
    }

    /** Sends the current spec with new labels (the data is left out: the daemon keeps it). */
    public void update(String id, long version, Map<String, String> labels) {
        ObjectNode current = transport.json(ApiRequest.get(path + "/{id}", id).build(), ObjectNode.class);
        ObjectNode spec = current.path("Spec").isObject() ? ((ObjectNode) current.get("Spec")).deepCopy()
                : Json.objectNode();
        spec.remove("Data");
        spec.set("Labels", Json.valueToTree(labels == null ? Map.of() : labels));
        VersionGuard.guard(() -> transport.send(ApiRequest.post(path + "/{id}/update", id)
                .query("version", version).json(spec).build()).discard());
    }

    public void remove(String id) {
        transport.send(ApiRequest.delete(path + "/{id}", id).build()).discard();
    }
}
