package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.model.PluginDetails;
import dev.berth.model.ProgressEvent;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.Json;
import dev.berth.transport.JsonStream;
import dev.berth.errors.StreamException;
import dev.berth.transport.Transport;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code docker plugin}: ls, inspect, enable, disable, rm, install (privileges, then pull) and set. Every method is
 * one Engine API call through the shared request pipeline; errors are the typed exceptions of
 * {@link dev.berth.errors.DockerException}, carrying the daemon's message. Plugin names may leave out
 * {@code :latest}.
 *
 * <pre>{@code
 * Plugins plugins = docker.plugins();
 * List<Map<String, Object>> asked = plugins.privileges("vieux/sshfs");   // [{Name=network, Value=[host]}, ...]
 * plugins.pull("vieux/sshfs", "sshfs", AuthConfig.anonymous(), asked, System.out::println);
 * plugins.set("sshfs", List.of("DEBUG=1"));
 * plugins.enable("sshfs", 30);
 * plugins.inspect("sshfs").enabled();   // true
 * plugins.remove("sshfs", true);
 * }</pre>
 *
 * <p>Installing is {@code docker plugin install} in two calls, as the CLI makes them: {@link #privileges} says
 * what the plugin asks for (host network, mounts, devices, capabilities), and {@link #pull} grants exactly that
 * list. The daemon refuses a pull whose privileges differ from what the plugin asks for.
 */
public final class Plugins {
    private static final JavaType DETAILS =
            Json.mapper().getTypeFactory().constructCollectionType(List.class, PluginDetails.class);
    private static final JavaType PRIVILEGES = Json.mapper().getTypeFactory().constructCollectionType(List.class,
            Json.mapper().getTypeFactory().constructMapType(Map.class, String.class, Object.class));

    private final Transport transport;

    Plugins(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code docker plugin ls --filter}: such as {@code enable=true} or {@code capability=volumedriver}.
     *
     * <pre>{@code
     * plugins.list(Map.of("enable", List.of("true"))).forEach(p -> System.out.println(p.name()));
     * }</pre>
     *
     * @param filters the filters, or an empty map for every installed plugin
     * @return the matching plugins
     */
    public List<PluginDetails> list(Map<String, List<String>> filters) {
        List<PluginDetails> list = transport.json(ApiRequest.get("/plugins").filters(filters).build(), DETAILS);
        return list == null ? List.of() : list;
    }

    /**
     * {@code docker plugin inspect}.
     *
     * <pre>{@code
     * plugins.inspect("vieux/sshfs").config().get("Description");   // "sshFS plugin for Docker"
     * }</pre>
     *
     * @param name the plugin's name or id
     * @return the plugin
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public PluginDetails inspect(String name) {
        return transport.json(ApiRequest.get("/plugins/{name}/json", name).build(), PluginDetails.class);
    }

    /**
     * {@code docker plugin enable --timeout}: starts the plugin.
     *
     * <pre>{@code
     * plugins.enable("vieux/sshfs", 30);
     * }</pre>
     *
     * @param name the plugin's name or id
     * @param timeoutSeconds how long the daemon waits for the plugin to start, or 0 for its default
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public void enable(String name, int timeoutSeconds) {
        transport.send(ApiRequest.post("/plugins/{name}/enable", name)
                .query("timeout", timeoutSeconds > 0 ? timeoutSeconds : null).build()).discard();
    }

    /**
     * {@code docker plugin disable}: stops the plugin.
     *
     * <pre>{@code
     * plugins.disable("vieux/sshfs", false);
     * }</pre>
     *
     * @param name the plugin's name or id
     * @param force disable it even while containers or volumes use it
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public void disable(String name, boolean force) {
        transport.send(ApiRequest.post("/plugins/{name}/disable", name).query("force", force ? true : null)
                .build()).discard();
    }

    /**
     * {@code docker plugin rm}.
     *
     * <pre>{@code
     * plugins.remove("vieux/sshfs", true);
     * }</pre>
     *
     * @param name the plugin's name or id
     * @param force disable the plugin first if it is enabled (which may break containers using it)
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public void remove(String name, boolean force) {
        transport.send(ApiRequest.delete("/plugins/{name}", name).query("force", force ? true : null).build())
                .discard();
    }

    /**
     * The privileges a plugin asks for, before installing it ({@code GET /plugins/privileges}): each a map with
     * {@code Name} (such as {@code network}, {@code mount}, {@code device}, {@code capabilities}),
     * {@code Description} and {@code Value} (a list of strings). Pass the list to {@link #pull} to grant it.
     *
     * <pre>{@code
     * plugins.privileges("vieux/sshfs");
     * // [{Name=network, Description=, Value=[host]}, {Name=capabilities, Description=, Value=[CAP_SYS_ADMIN]}]
     * }</pre>
     *
     * @param remote the plugin's reference in its registry; no tag means {@code latest}
     * @return the privileges, as the daemon sent them
     */
    public List<Map<String, Object>> privileges(String remote) {
        List<Map<String, Object>> list = transport.json(ApiRequest.get("/plugins/privileges")
                .query("remote", Objects.requireNonNull(remote, "remote")).build(), PRIVILEGES);
        return list == null ? List.of() : list;
    }

    /**
     * {@code docker plugin install}: pulls and installs a plugin, granting it {@code privileges}, reporting progress
     * to {@code progress}. The plugin is installed disabled; {@link #enable} starts it.
     *
     * <pre>{@code
     * AuthConfig auth = AuthConfig.ofPassword("me", secret, "registry.example.com");
     * plugins.pull("registry.example.com/team/plugin:1.0", "team-plugin", auth,
     *         plugins.privileges("registry.example.com/team/plugin:1.0"), e -> System.out.println(e));
     * }</pre>
     *
     * @param remote the plugin's reference in its registry; no tag means {@code latest}
     * @param name the local name ({@code --alias}), or null for the remote reference
     * @param auth credentials for the registry, or null (or {@link AuthConfig#anonymous()}) for none
     * @param privileges the privileges to grant, as {@link #privileges} returned them; null or empty for none
     * @param progress receives each progress event of the pull
     * @throws StreamException when the registry or daemon reports an error in the stream
     */
    public void pull(String remote, String name, AuthConfig auth, List<Map<String, Object>> privileges,
                     Consumer<ProgressEvent> progress) {
        Objects.requireNonNull(progress, "progress");
        AuthConfig credentials = auth != null ? auth : AuthConfig.anonymous();
        ApiRequest request = ApiRequest.post("/plugins/pull")
                .query("remote", Objects.requireNonNull(remote, "remote")).query("name", name)
                .registryAuth(credentials.toHeader())
                .json(privileges != null ? List.copyOf(privileges) : List.of())
                .streaming().build();
        try (ApiResponse r = transport.send(request);
             JsonStream<ProgressEvent> events = JsonStream.of(r.body(), ProgressEvent.class, r.request())) {
            while (events.hasNext()) {
                progress.accept(events.next());
            }
        }
    }

    /**
     * {@code docker plugin set}: changes the plugin's settings, each {@code KEY=value} for an environment variable,
     * {@code source.path}/{@code devices.path} or {@code args}. The plugin must be disabled.
     *
     * <pre>{@code
     * plugins.set("vieux/sshfs", List.of("DEBUG=1", "sshkey.source=/home/me/.ssh"));
     * }</pre>
     *
     * @param name the plugin's name or id
     * @param args the settings, as {@code KEY=value}
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public void set(String name, List<String> args) {
        transport.send(ApiRequest.post("/plugins/{name}/set", name).json(List.copyOf(args)).build()).discard();
    }
}
