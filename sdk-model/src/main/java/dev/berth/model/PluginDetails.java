package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A managed plugin as {@code docker plugin inspect} shows it ({@code GET /plugins/{name}/json}), and as each row of
 * {@code docker plugin ls} ({@code GET /plugins}): what the user set ({@link #settings()}) and the plugin's manifest
 * ({@link #config()}). Fields the records do not model are kept in their {@code extras()}.
 *
 * <pre>{@code
 * PluginDetails p = docker.plugins().inspect("vieux/sshfs");
 * p.enabled();                      // true
 * p.pluginReference();              // "docker.io/vieux/sshfs:latest"
 * p.settings().env();               // [DEBUG=0]
 * p.config().iface().types();       // [docker.volumedriver/1.0]
 * }</pre>
 *
 * @param id the plugin's id
 * @param name the plugin's local name, such as {@code vieux/sshfs:latest}
 * @param enabled whether the plugin is running; false when it is only installed
 * @param settings what {@code docker plugin set} changes: mounts, environment, arguments and devices
 * @param pluginReference the remote reference the plugin was pulled from
 * @param config the plugin's manifest, as its author wrote it
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PluginDetails(
        @JsonProperty("Id") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Enabled") boolean enabled,
        @JsonProperty("Settings") Settings settings,
        @JsonProperty("PluginReference") String pluginReference,
        @JsonProperty("Config") Config config,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code extras}, unmodifiable; null becomes empty.
     *
     * @param id the plugin's id
     * @param name the plugin's local name, such as {@code vieux/sshfs:latest}
     * @param enabled whether the plugin is running; false when it is only installed
     * @param settings what {@code docker plugin set} changes: mounts, environment, arguments and devices
     * @param pluginReference the remote reference the plugin was pulled from
     * @param config the plugin's manifest, as its author wrote it
     * @param extras every field this record does not model, as the daemon sent it
     */
    public PluginDetails {
        extras = Copies.copy(extras);
    }

    /** All components; secret-looking environment values masked as in {@link ContainerSpec}. */
    @Override
    public String toString() {
        return Masking.record(this);
    }

    /**
     * The plugin's current settings ({@code Settings}): what the manifest allows, as {@code docker plugin set}
     * left it.
     *
     * @param mounts the mounts, with their sources as set
     * @param env the environment, as {@code KEY=value}
     * @param args the arguments
     * @param devices the devices, with their paths as set
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Settings(
            @JsonProperty("Mounts") List<Mount> mounts,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Args") List<String> args,
            @JsonProperty("Devices") List<Device> devices,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies the lists and maps, unmodifiable; null becomes empty.
         *
         * @param mounts the mounts, with their sources as set
         * @param env the environment, as {@code KEY=value}
         * @param args the arguments
         * @param devices the devices, with their paths as set
         * @param extras every field this record does not model, as the daemon sent it
         */
        public Settings {
            mounts = Copies.copy(mounts);
            env = Copies.copy(env);
            args = Copies.copy(args);
            devices = Copies.copy(devices);
            extras = Copies.copy(extras);
        }

        /** All components; secret-looking environment values masked. */
        @Override
        public String toString() {
            return Masking.record(this);
        }
    }

    /**
     * The plugin's manifest ({@code Config}). Fields the record does not model ({@code User}, {@code rootfs},
     * {@code DockerVersion} and later additions) are in {@link #extras()}.
     *
     * @param description what the plugin is, in a line
     * @param documentation a link to its documentation
     * @param iface what the plugin serves and on which socket ({@code Interface})
     * @param entrypoint the plugin's command
     * @param workDir the plugin's working directory
     * @param network the network the plugin runs in
     * @param linux the capabilities and devices the plugin needs
     * @param propagatedMount the mount the plugin shares with the host, such as a volume driver's data; empty for none
     * @param ipcHost whether the plugin uses the host's IPC namespace
     * @param pidHost whether the plugin uses the host's PID namespace
     * @param mounts the mounts the plugin declares
     * @param env the environment variables the plugin declares, with their defaults
     * @param args the arguments the plugin declares
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Config(
            @JsonProperty("Description") String description,
            @JsonProperty("Documentation") String documentation,
            @JsonProperty("Interface") Interface iface,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("WorkDir") String workDir,
            @JsonProperty("Network") Network network,
            @JsonProperty("Linux") Linux linux,
            @JsonProperty("PropagatedMount") String propagatedMount,
            @JsonProperty("IpcHost") boolean ipcHost,
            @JsonProperty("PidHost") boolean pidHost,
            @JsonProperty("Mounts") List<Mount> mounts,
            @JsonProperty("Env") List<EnvVariable> env,
            @JsonProperty("Args") Args args,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies the lists and maps, unmodifiable; null becomes empty.
         *
         * @param description what the plugin is, in a line
         * @param documentation a link to its documentation
         * @param iface what the plugin serves and on which socket ({@code Interface})
         * @param entrypoint the plugin's command
         * @param workDir the plugin's working directory
         * @param network the network the plugin runs in
         * @param linux the capabilities and devices the plugin needs
         * @param propagatedMount the mount the plugin shares with the host, such as a volume driver's data; empty for
         *        none
         * @param ipcHost whether the plugin uses the host's IPC namespace
         * @param pidHost whether the plugin uses the host's PID namespace
         * @param mounts the mounts the plugin declares
         * @param env the environment variables the plugin declares, with their defaults
         * @param args the arguments the plugin declares
         * @param extras every field this record does not model, as the daemon sent it
         */
        public Config {
            entrypoint = Copies.copy(entrypoint);
            mounts = Copies.copy(mounts);
            env = Copies.copy(env);
            extras = Copies.copy(extras);
        }
    }

    /**
     * What a plugin serves ({@code Config.Interface}).
     *
     * @param types what it implements, such as {@code docker.volumedriver/1.0} or {@code docker.networkdriver/1.0}
     * @param socket the socket it listens on, inside the plugin
     * @param protocolScheme the protocol it speaks; empty for the legacy one
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Interface(
            @JsonProperty("Types") List<String> types,
            @JsonProperty("Socket") String socket,
            @JsonProperty("ProtocolScheme") String protocolScheme,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code types} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param types what it implements, such as {@code docker.volumedriver/1.0} or {@code docker.networkdriver/1.0}
         * @param socket the socket it listens on, inside the plugin
         * @param protocolScheme the protocol it speaks; empty for the legacy one
         * @param extras every field this record does not model, as the daemon sent it
         */
        public Interface {
            types = Copies.copy(types);
            extras = Copies.copy(extras);
        }
    }

    /**
     * The network a plugin runs in ({@code Config.Network}).
     *
     * @param type such as {@code host}, or empty for its own
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Network(@JsonProperty("Type") String type,
                          @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param type such as {@code host}, or empty for its own
         * @param extras every field this record does not model, as the daemon sent it
         */
        public Network {
            extras = Copies.copy(extras);
        }
    }

    /**
     * The Linux privileges a plugin needs ({@code Config.Linux}).
     *
     * @param capabilities the capabilities, such as {@code CAP_SYS_ADMIN}
     * @param allowAllDevices whether it may use every device
     * @param devices the devices it uses
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Linux(
            @JsonProperty("Capabilities") List<String> capabilities,
            @JsonProperty("AllowAllDevices") boolean allowAllDevices,
            @JsonProperty("Devices") List<Device> devices,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code capabilities}, {@code devices} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param capabilities the capabilities, such as {@code CAP_SYS_ADMIN}
         * @param allowAllDevices whether it may use every device
         * @param devices the devices it uses
         * @param extras every field this record does not model, as the daemon sent it
         */
        public Linux {
            capabilities = Copies.copy(capabilities);
            devices = Copies.copy(devices);
            extras = Copies.copy(extras);
        }
    }

    /**
     * A mount of a plugin ({@code PluginMount}).
     *
     * @param name its name, for {@code docker plugin set NAME.source=...}
     * @param description what it is for
     * @param settable which of its fields {@code docker plugin set} may change, such as {@code source}
     * @param source the path on the host
     * @param destination the path in the plugin
     * @param type the mount type, such as {@code bind}
     * @param options the mount options, such as {@code rbind}
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mount(
            @JsonProperty("Name") String name,
            @JsonProperty("Description") String description,
            @JsonProperty("Settable") List<String> settable,
            @JsonProperty("Source") String source,
            @JsonProperty("Destination") String destination,
            @JsonProperty("Type") String type,
            @JsonProperty("Options") List<String> options,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code settable}, {@code options} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param name its name, for {@code docker plugin set NAME.source=...}
         * @param description what it is for
         * @param settable which of its fields {@code docker plugin set} may change, such as {@code source}
         * @param source the path on the host
         * @param destination the path in the plugin
         * @param type the mount type, such as {@code bind}
         * @param options the mount options, such as {@code rbind}
         * @param extras every field this record does not model, as the daemon sent it
         */
        public Mount {
            settable = Copies.copy(settable);
            options = Copies.copy(options);
            extras = Copies.copy(extras);
        }

        /** All components; secret-looking mount options masked. */
        @Override
        public String toString() {
            return Masking.record(this);
        }
    }

    /**
     * A device of a plugin ({@code PluginDevice}).
     *
     * @param name its name, for {@code docker plugin set NAME.path=...}
     * @param description what it is for
     * @param settable which of its fields {@code docker plugin set} may change, such as {@code path}
     * @param path the device's path on the host
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Device(
            @JsonProperty("Name") String name,
            @JsonProperty("Description") String description,
            @JsonProperty("Settable") List<String> settable,
            @JsonProperty("Path") String path,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code settable} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param name its name, for {@code docker plugin set NAME.path=...}
         * @param description what it is for
         * @param settable which of its fields {@code docker plugin set} may change, such as {@code path}
         * @param path the device's path on the host
         * @param extras every field this record does not model, as the daemon sent it
         */
        public Device {
            settable = Copies.copy(settable);
            extras = Copies.copy(extras);
        }
    }

    /**
     * An environment variable a plugin declares ({@code PluginEnv}).
     *
     * @param name the variable
     * @param description what it is for
     * @param settable which of its fields {@code docker plugin set} may change, such as {@code value}
     * @param value its default
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EnvVariable(
            @JsonProperty("Name") String name,
            @JsonProperty("Description") String description,
            @JsonProperty("Settable") List<String> settable,
            @JsonProperty("Value") String value,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code settable} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param name the variable
         * @param description what it is for
         * @param settable which of its fields {@code docker plugin set} may change, such as {@code value}
         * @param value its default
         * @param extras every field this record does not model, as the daemon sent it
         */
        public EnvVariable {
            settable = Copies.copy(settable);
            extras = Copies.copy(extras);
        }

        /** All components, the value masked when the variable's name looks secret. */
        @Override
        public String toString() {
            return "EnvVariable[name=" + name + ", description=" + description + ", settable=" + settable
                    + ", value=" + Masking.value(name, value) + ", extras=" + Masking.tree("", extras) + "]";
        }
    }

    /**
     * The arguments a plugin declares ({@code Config.Args}).
     *
     * @param name their name, for {@code docker plugin set NAME=...}
     * @param description what they are for
     * @param settable which of their fields {@code docker plugin set} may change, such as {@code value}
     * @param value the default arguments
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Args(
            @JsonProperty("Name") String name,
            @JsonProperty("Description") String description,
            @JsonProperty("Settable") List<String> settable,
            @JsonProperty("Value") List<String> value,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code settable}, {@code value} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param name their name, for {@code docker plugin set NAME=...}
         * @param description what they are for
         * @param settable which of their fields {@code docker plugin set} may change, such as {@code value}
         * @param value the default arguments
         * @param extras every field this record does not model, as the daemon sent it
         */
        public Args {
            settable = Copies.copy(settable);
            value = Copies.copy(value);
            extras = Copies.copy(extras);
        }
    }
}
