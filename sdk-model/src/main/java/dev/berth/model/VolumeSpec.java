package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@code docker volume create} takes: a name (or none, for a name the daemon makes up), a driver, the driver's
 * options ({@code --opt}) and labels. Immutable: each method returns a new spec. It is written as the body of
 * {@code POST /volumes/create} ({@code VolumeCreateOptions}); what is not set is left out, so the daemon picks
 * (the {@code local} driver, no options, no labels).
 *
 * <pre>{@code
 * VolumeSpec cache = VolumeSpec.named("cache").driver("local")
 *         .option("type", "tmpfs").option("device", "tmpfs").option("o", "size=64m")
 *         .label("team", "web");
 * docker.volumes().create(cache);   // "cache"
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class VolumeSpec {
    private static final VolumeSpec ANONYMOUS = new VolumeSpec(null, null, Map.of(), Map.of());

    // Written by Jackson as the daemon spells them; absent (null or empty) means "the daemon's default".
    @JsonProperty("Name")
    private final String name;
    @JsonProperty("Driver")
    private final String driver;
    @JsonProperty("DriverOpts")
    private final Map<String, String> options;
    @JsonProperty("Labels")
    private final Map<String, String> labels;

    private VolumeSpec(String name, String driver, Map<String, String> options, Map<String, String> labels) {
        this.name = name;
        this.driver = driver;
        this.options = options;
        this.labels = labels;
    }

    /**
     * A volume of this name ({@code docker volume create NAME}).
     *
     * @param name the volume's name
     * @return a spec with only the name set
     * @throws IllegalArgumentException when the name is null, empty or holds whitespace
     */
    public static VolumeSpec named(String name) {
        return new VolumeSpec(word(name, "volume name"), null, Map.of(), Map.of());
    }

    /**
     * A volume whose name the daemon makes up, 64 hex digits ({@code docker volume create} without a name).
     *
     * @return a spec with nothing set
     */
    public static VolumeSpec anonymous() {
        return ANONYMOUS;
    }

    /**
     * With this volume driver ({@code --driver}) instead of {@code local}.
     *
     * @param driver the driver's name, such as {@code local} or a plugin's
     * @return a new spec
     * @throws IllegalArgumentException when the driver is null, empty or holds whitespace
     */
    public VolumeSpec driver(String driver) {
        return new VolumeSpec(name, word(driver, "volume driver"), options, labels);
    }

    /**
     * With a driver option ({@code --opt key=value}); a key given twice keeps the last value. For the {@code local}
     * driver, {@code type}, {@code device} and {@code o} are what {@code mount(8)} gets.
     *
     * @param key the option's name
     * @param value its value, {@code ""} for empty
     * @return a new spec
     * @throws IllegalArgumentException when the key is null or empty, or the value null
     */
    public VolumeSpec option(String key, String value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("volume option name must not be empty");
        }
        if (value == null) {
            throw new IllegalArgumentException("volume option " + key + " needs a value");
        }
        return new VolumeSpec(name, driver, with(options, key, value), labels);
    }

    /**
     * With a label ({@code --label key=value}); a key given twice keeps the last value.
     *
     * @param key the key
     * @param value the value, {@code ""} for empty
     * @return a new spec
     * @throws IllegalArgumentException when the key is null or empty, or the value null ({@code ""} for none)
     */
    public VolumeSpec label(String key, String value) {
        SpecValidation.label(key, value);
        return new VolumeSpec(name, driver, options, with(labels, key, value));
    }

    /**
     * With these labels added, in the map's order.
     *
     * @param labels key to value
     * @return a new spec
     * @throws IllegalArgumentException when the map is null, or holds an empty key
     */
    public VolumeSpec labels(Map<String, String> labels) {
        VolumeSpec spec = this;
        for (Map.Entry<String, String> e : SpecValidation.notNull(labels, "labels").entrySet()) {
            spec = spec.label(e.getKey(), e.getValue());
        }
        return spec;
    }

    /** {@return the volume's name; empty for an {@link #anonymous()} volume} */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** {@return the volume driver; empty for the daemon's default, {@code local}} */
    public Optional<String> driver() {
        return Optional.ofNullable(driver);
    }

    /** {@return the driver options ({@code DriverOpts}), in the order they were given} */
    public Map<String, String> options() {
        return options;
    }

    /** {@return the labels, in the order they were given} */
    public Map<String, String> labels() {
        return labels;
    }

    /** Specs are equal when every setting is. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof VolumeSpec s && Objects.equals(name, s.name) && Objects.equals(driver, s.driver)
                && options.equals(s.options) && labels.equals(s.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, driver, options, labels);
    }

    /**
     * {@code VolumeSpec[name=share, driver=local, options={type=cifs, o=addr=nas,password=***}, labels={}]}:
     * secret-looking options and labels masked, since mount options can carry a password.
     */
    @Override
    public String toString() {
        return "VolumeSpec[name=" + (name == null ? "(anonymous)" : name) + ", driver="
                + (driver == null ? "(default)" : driver) + ", options=" + Masking.map(options) + ", labels="
                + Masking.map(labels) + "]";
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return Collections.unmodifiableMap(copy);
    }

    private static String word(String value, String what) {
        if (value == null || value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid " + what + " '" + value + "'");
        }
        return value;
    }
}
