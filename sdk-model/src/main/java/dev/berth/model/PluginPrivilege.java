package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One privilege a plugin asks for before it is installed ({@code PluginPrivilege}, from
 * {@code GET /plugins/privileges}), and grants when sent back with the install ({@code POST /plugins/pull}).
 *
 * <pre>{@code
 * docker.plugins().privileges("vieux/sshfs");
 * // [PluginPrivilege[name=network, description=, value=[host], ...],
 * //  PluginPrivilege[name=capabilities, description=, value=[CAP_SYS_ADMIN], ...]]
 * }</pre>
 *
 * @param name what kind of privilege: {@code network}, {@code mount}, {@code device}, {@code capabilities},
 *        {@code allow-all-devices}, {@code host pid namespace}, ...
 * @param description what it means, often empty
 * @param value what exactly, such as {@code host} for the network or a list of capabilities
 * @param extras every field this record does not model, as the daemon sent it (and sends back on install)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PluginPrivilege(
        @JsonProperty("Name") String name,
        @JsonProperty("Description") String description,
        @JsonProperty("Value") List<String> value,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code value} and {@code extras}, unmodifiable; null becomes empty.
     *
     * @param name what kind of privilege: {@code network}, {@code mount}, {@code device}, {@code capabilities},
     *        {@code allow-all-devices}, {@code host pid namespace}, ...
     * @param description what it means, often empty
     * @param value what exactly, such as {@code host} for the network or a list of capabilities
     * @param extras every field this record does not model, as the daemon sent it (and sends back on install)
     */
    public PluginPrivilege {
        value = Copies.copy(value);
        extras = Copies.copy(extras);
    }
}
