package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container read back in the shape of the create body it came from, for the readers of {@link SpecOptions}: the
 * {@code Config} fields at the top level, {@code HostConfig}, {@code NetworkingConfig.EndpointsConfig} (from
 * {@code NetworkSettings.Networks}) and {@code query.name}. Paths as in {@link CreateBody}. Made from the model's
 * records by {@link #tree(Object)}, which turns a record back into the JSON tree it was read from (its
 * {@code @JsonProperty} components, then its {@code extras()}).
 */
final class ReadBody {
    private static final Set<String> DEFAULT_NETWORKS = Set.of("default", "bridge");

    final Map<String, Object> body;
    final String id;
    final String name;

    ReadBody(Map<String, Object> body, String id, String name) {
        this.body = body;
        this.id = id == null ? "" : id;
        this.name = name;
    }

    /**
     * A container in the shape of its create body; with the image's configuration, what the container took from
     * the image is left out ({@code Env} entries and labels the image has with the same value, exposed ports and
     * volumes the image declares, and {@code Cmd}, {@code Entrypoint}, {@code WorkingDir}, {@code User},
     * {@code StopSignal}, {@code Healthcheck}, {@code Shell}, {@code OnBuild} equal to the image's).
     */
    @SuppressWarnings("unchecked")
    static ReadBody of(ContainerDetails d, ImageDetails.Config image) {
        Map<String, Object> body = d.config() == null ? new LinkedHashMap<>()
                : (Map<String, Object>) tree(d.config());
        if (image != null) {
            subtract(body, (Map<String, Object>) tree(image));
        }
        body.put("HostConfig", d.hostConfig() == null ? new LinkedHashMap<>() : tree(d.hostConfig()));
        Map<String, Object> endpoints = d.networkSettings() == null ? new LinkedHashMap<>()
                : (Map<String, Object>) tree(d.networkSettings().networks());
        body.put("NetworkingConfig", new LinkedHashMap<>(Map.of("EndpointsConfig", endpoints)));
        String name = d.shortName().isEmpty() ? null : d.shortName();
        return new ReadBody(body, d.id(), name);
    }

    private static void subtract(Map<String, Object> body, Map<String, Object> image) {
        if (body.get("Env") instanceof List<?> env && image.get("Env") instanceof List<?> imageEnv) {
            List<Object> kept = new ArrayList<>(env);
            kept.removeAll(imageEnv);
            body.put("Env", kept);
        }
        for (String keyed : List.of("Labels", "ExposedPorts", "Volumes")) {
            if (body.get(keyed) instanceof Map<?, ?> m && image.get(keyed) instanceof Map<?, ?> im) {
                Map<Object, Object> kept = new LinkedHashMap<>(m);
                im.forEach((k, v) -> {
                    if (keyed.equals("Labels") ? java.util.Objects.equals(kept.get(k), v) : kept.containsKey(k)) {
                        kept.remove(k);
                    }
                });
                body.put(keyed, kept);
            }
        }
        boolean sameEntrypoint = java.util.Objects.equals(body.get("Entrypoint"), image.get("Entrypoint"))
                || empty(body.get("Entrypoint")) && empty(image.get("Entrypoint"));
        if (sameEntrypoint) {
            body.remove("Entrypoint");
            if (java.util.Objects.equals(body.get("Cmd"), image.get("Cmd"))) {
                body.remove("Cmd");
            }
        }
        for (String field : List.of("WorkingDir", "User", "StopSignal", "Healthcheck", "Shell", "OnBuild")) {
            if (java.util.Objects.equals(body.get(field), image.get(field))) {
                body.remove(field);
            }
        }
    }

    private static boolean empty(Object o) {
        return o == null || o instanceof List<?> l && l.isEmpty();
    }

    /** {@return the value at a path, or null} */
    Object get(String path) {
        if (path.equals("query.name")) {
            return name;
        }
        Object current = body;
        String[] parts = path.split("\\.");
        for (int i = path.startsWith("Config.") ? 1 : 0; i < parts.length; i++) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(parts[i]);
        }
        return current;
    }

    /** {@return the string at a path, null when missing or empty} */
    String string(String path) {
        return get(path) instanceof String s && !s.isEmpty() ? s : null;
    }

    /** {@return the number at a path as a long, null when missing} */
    Long number(String path) {
        return get(path) instanceof Number n ? n.longValue() : null;
    }

    /** {@return the list at a path, empty when missing} */
    List<?> list(String path) {
        return get(path) instanceof List<?> l ? l : List.of();
    }

    /** {@return the map at a path, empty when missing} */
    @SuppressWarnings("unchecked")
    Map<String, Object> map(String path) {
        return get(path) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** {@return the network mode, null for the default network ({@code default}, {@code bridge}, empty)} */
    String networkMode() {
        String mode = string("HostConfig.NetworkMode");
        return mode == null || DEFAULT_NETWORKS.contains(mode) ? null : mode;
    }

    /** {@return the endpoint the flat options ({@code --ip}, {@code --network-alias}, ...) write: the first network's} */
    Map<String, Object> endpoint() {
        Map<String, Object> endpoints = map("NetworkingConfig.EndpointsConfig");
        String mode = networkMode();
        Object ep = mode != null ? endpoints.get(mode)
                : endpoints.containsKey("default") ? endpoints.get("default") : endpoints.get("bridge");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = ep instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of();
        return m;
    }

    /** {@return whether a network name is the default network's} */
    static boolean isDefaultNetwork(String name) {
        return DEFAULT_NETWORKS.contains(name);
    }

    /**
     * A model value as a JSON tree: a record becomes a map of its {@code @JsonProperty} names (null components left
     * out) followed by its {@code extras()}; lists and maps are walked; anything else is kept.
     */
    static Object tree(Object value) {
        if (value instanceof Record r) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c, e);
                }
                JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
                if (p != null && v != null) {
                    out.put(p.value(), tree(v));
                } else if (p == null && c.getName().equals("extras") && v instanceof Map<?, ?> extras) {
                    extras.forEach((k, x) -> out.putIfAbsent(String.valueOf(k), tree(x)));
                }
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), tree(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(tree(v)));
            return out;
        }
        return value;
    }
}
