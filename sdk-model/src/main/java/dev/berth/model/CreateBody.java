package dev.berth.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body and query of {@code POST /containers/create}, written from a spec's settings by walking
 * {@link SpecOptions#ALL}: each set option's writer puts its value at its path; then the attach flags are settled as
 * the CLI settles them, and the {@code raw} values are merged last. Paths are {@code Config.X} (the top level of the
 * body), {@code HostConfig.X}, {@code NetworkingConfig.X} and {@code query.x}. Fresh {@link LinkedHashMap}s and
 * {@link ArrayList}s with the daemon's field names.
 */
final class CreateBody {
    final SpecSettings settings;
    private final Map<String, Object> body = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();

    private CreateBody(SpecSettings settings) {
        this.settings = settings;
    }

    /** The body of a spec. */
    static Map<String, Object> of(SpecSettings s) {
        return write(s).body;
    }

    /** The query parameters of a spec ({@code name}, {@code platform}). */
    static Map<String, String> query(SpecSettings s) {
        return write(s).query;
    }

    private static CreateBody write(SpecSettings s) {
        CreateBody b = new CreateBody(s);
        b.body.put("Image", s.image);
        if (!s.cmd.isEmpty()) {
            b.body.put("Cmd", new ArrayList<>(s.cmd));
        }
        for (SpecOption option : SpecOptions.ALL) {
            Object value = s.values.get(option.name());
            if (value != null) {
                option.writer().write(b, value);
            }
        }
        b.attach();
        s.raw.forEach(b::put);
        return b;
    }

    /** As the CLI: {@code -a} picks the streams, else stdout and stderr; {@code -i} adds stdin; {@code -d} none. */
    private void attach() {
        List<?> attach = (List<?>) settings.values.get("attach");
        boolean detach = Boolean.TRUE.equals(settings.values.get("detach"));
        boolean stdin = Boolean.TRUE.equals(settings.values.get("interactive"));
        boolean attachStdin = !detach && (stdin || attach != null && attach.contains("stdin"));
        body.put("AttachStdin", attachStdin);
        body.put("AttachStdout", !detach && (attach == null || attach.contains("stdout")));
        body.put("AttachStderr", !detach && (attach == null || attach.contains("stderr")));
        if (stdin) {
            body.put("OpenStdin", true);
            body.put("StdinOnce", attachStdin);
        }
    }

    /** Puts a value at a path, creating the maps on the way; {@code query.x} goes to the query. */
    void put(String path, Object value) {
        if (path.startsWith("query.")) {
            query.put(path.substring(6), String.valueOf(value));
            return;
        }
        int dot = path.lastIndexOf('.');
        Map<String, Object> parent = dot < 0 ? body : map(path.substring(0, dot));
        parent.put(path.substring(dot + 1), value);
    }

    /** The map at a path, created when missing. */
    @SuppressWarnings("unchecked")
    Map<String, Object> map(String path) {
        Map<String, Object> current = body;
        String[] parts = path.split("\\.");
        for (int i = path.startsWith("Config.") || path.equals("Config") ? 1 : 0; i < parts.length; i++) {
            Object next = current.get(parts[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                current.put(parts[i], next);
            }
            current = (Map<String, Object>) next;
        }
        return current;
    }

    /** The list at a path, created when missing. */
    @SuppressWarnings("unchecked")
    List<Object> list(String path) {
        int dot = path.lastIndexOf('.');
        Map<String, Object> parent = dot < 0 ? body : map(path.substring(0, dot));
        return (List<Object>) parent.computeIfAbsent(path.substring(dot + 1), k -> new ArrayList<>());
    }

    /** The endpoint settings of the first network ({@code default} when none is named). */
    Map<String, Object> endpoint() {
        return map("NetworkingConfig.EndpointsConfig").isEmpty() && settings.values.get("network") == null
                ? endpointOf("default") : endpointOf(SpecOptions.firstNetwork(settings));
    }

    /** The endpoint settings of a network. */
    Map<String, Object> endpointOf(String network) {
        Map<String, Object> endpoints = map("NetworkingConfig.EndpointsConfig");
        @SuppressWarnings("unchecked")
        Map<String, Object> ep = (Map<String, Object>) endpoints.computeIfAbsent(network,
                k -> new LinkedHashMap<String, Object>());
        return ep;
    }
}
