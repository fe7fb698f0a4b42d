package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.Map;

/**
 * A managed plugin as {@code docker plugin inspect} shows it ({@code GET /plugins/{name}/json}), and as each row of
 * {@code docker plugin ls} ({@code GET /plugins}). The user-settable part ({@link #settings()}) and the plugin's
 * manifest ({@link #config()}) are kept as the daemon sent them; fields the record does not model are kept in
 * {@link #extras()}.
 *
 * <pre>{@code
 * PluginDetails p = docker.plugins().inspect("vieux/sshfs");
 * p.enabled();                         // true
 * p.pluginReference();                 // "docker.io/vieux/sshfs:latest"
 * p.settings().get("Env");             // [DEBUG=0]
 * p.config().get("Description");       // "sshFS plugin for Docker"
 * }</pre>
 *
 * @param id the plugin's id
 * @param name the plugin's local name, such as {@code vieux/sshfs:latest}
 * @param enabled whether the plugin is running; false when it is only installed
 * @param settings the user-configurable settings: {@code Mounts}, {@code Env}, {@code Args}, {@code Devices}
 * @param pluginReference the remote reference the plugin was pulled from
 * @param config the plugin's manifest: {@code Description}, {@code Interface}, {@code Entrypoint}, {@code Env},
 *        {@code Linux}, {@code Mounts} and the rest, as the daemon sent them
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PluginDetails(
        @JsonProperty("Id") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Enabled") boolean enabled,
        @JsonProperty("Settings") Map<String, Object> settings,
        @JsonProperty("PluginReference") String pluginReference,
        @JsonProperty("Config") Map<String, Object> config,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

    public PluginDetails {
        settings = Copies.copy(settings);
        config = Copies.copy(config);
        extras = Copies.copy(extras);
    }

    /** All components; secret-looking {@code Env} and {@code Args} settings masked as in {@link ContainerSpec}. */
    @Override
    public String toString() {
        return Masking.record(this);
    }
}
