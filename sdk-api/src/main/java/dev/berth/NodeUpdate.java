package dev.berth;

import dev.berth.model.NodeAvailability;
import dev.berth.model.NodeDetails;
import dev.berth.model.NodeRole;
import dev.berth.model.internal.Masking;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Nodes#update(String, NodeUpdate)} changes on a node ({@code docker node update}): its availability, its
 * role, its labels. What is not set is kept as the node has it. Immutable; each method returns a new value.
 *
 * <pre>{@code
 * nodes.update(id, NodeUpdate.availability(NodeAvailability.DRAIN));
 * nodes.update(id, NodeUpdate.label("disk", "ssd").withoutLabel("old").withRole(NodeRole.MANAGER));
 * }</pre>
 */
public final class NodeUpdate {
    private static final NodeUpdate DEFAULTS = new NodeUpdate(null, Map.of(), null, null);

    /** All the labels from now on, or null to start from the node's. */
    private final Map<String, String> labels;
    /** Labels to set (a value) or remove (null), in order, after {@link #labels}. */
    private final Map<String, String> labelChanges;
    private final NodeAvailability availability;
    private final NodeRole role;

    private NodeUpdate(Map<String, String> labels, Map<String, String> labelChanges, NodeAvailability availability,
                       NodeRole role) {
        this.labels = labels;
        this.labelChanges = labelChanges;
        this.availability = availability;
        this.role = role;
    }

    /** {@return an update that changes nothing yet} */
    public static NodeUpdate defaults() {
        return DEFAULTS;
    }

    /**
     * {@return an update of the availability only ({@code --availability})}
     *
     * @param availability {@code active}, {@code pause} or {@code drain}
     */
    public static NodeUpdate availability(NodeAvailability availability) {
        return DEFAULTS.withAvailability(availability);
    }

    /**
     * {@return an update of the role only ({@code --role}): a promotion or a demotion}
     *
     * @param role manager or worker
     */
    public static NodeUpdate role(NodeRole role) {
        return DEFAULTS.withRole(role);
    }

    /**
     * {@return an update replacing the labels with {@code labels}, all of them}
     *
     * @param labels the node's labels from now on; empty to remove them all
     */
    public static NodeUpdate labels(Map<String, String> labels) {
        return DEFAULTS.withLabels(labels);
    }

    /**
     * {@return an update adding or changing one label ({@code --label-add key=value})}
     *
     * @param key the label's key
     * @param value the label's value
     */
    public static NodeUpdate label(String key, String value) {
        return DEFAULTS.withLabel(key, value);
    }

    /**
     * {@return this update, setting the availability}
     *
     * @param availability {@code active}, {@code pause} or {@code drain}
     * @throws IllegalArgumentException when null
     */
    public NodeUpdate withAvailability(NodeAvailability availability) {
        return new NodeUpdate(labels, labelChanges, notNull(availability, "availability"), role);
    }

    /**
     * {@return this update, setting the role}
     *
     * @param role manager or worker
     * @throws IllegalArgumentException when null
     */
    public NodeUpdate withRole(NodeRole role) {
        return new NodeUpdate(labels, labelChanges, availability, notNull(role, "role"));
    }

    /**
     * {@return this update, replacing the node's labels with {@code labels} (all of them); label changes made
     * before on this update are dropped}
     *
     * @param labels the node's labels from now on; empty to remove them all
     * @throws IllegalArgumentException when the map, a key or a value is null, or a key is empty
     */
    public NodeUpdate withLabels(Map<String, String> labels) {
        Map<String, String> copy = new LinkedHashMap<>();
        notNull(labels, "labels").forEach((k, v) -> copy.put(key(k), notNull(v, "label value")));
        return new NodeUpdate(Collections.unmodifiableMap(copy), Map.of(), availability, role);
    }

    /**
     * {@return this update, adding or changing one label ({@code --label-add key=value})}
     *
     * @param key the label's key
     * @param value the label's value
     * @throws IllegalArgumentException when the key is empty or either is null
     */
    public NodeUpdate withLabel(String key, String value) {
        return withChange(key(key), notNull(value, "label value"));
    }

    /**
     * {@return this update, removing one label ({@code --label-rm key})}
     *
     * @param key the label's key
     * @throws IllegalArgumentException when the key is empty or null
     */
    public NodeUpdate withoutLabel(String key) {
        return withChange(key(key), null);
    }

    private NodeUpdate withChange(String key, String value) {
        Map<String, String> changes = new LinkedHashMap<>(labelChanges);
        changes.remove(key); // re-added last: the latest change wins
        changes.put(key, value);
        return new NodeUpdate(labels, Collections.unmodifiableMap(changes), availability, role);
    }

    private static String key(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("label key must not be empty");
        }
        return key;
    }

    private static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    /** The {@code NodeSpec} to send: {@code current} (the node's, fields Berth does not model included), changed. */
    Map<String, Object> applyTo(NodeDetails.Spec current) {
        Map<String, Object> spec = new LinkedHashMap<>();
        Map<String, String> newLabels = new LinkedHashMap<>();
        if (current != null) {
            spec.putAll(current.extras());
            if (current.name() != null) {
                spec.put("Name", current.name());
            }
            newLabels.putAll(current.labels());
            spec.put("Role", current.role() == null ? null : current.role().value());
            spec.put("Availability", current.availability() == null ? null : current.availability().value());
        }
        if (labels != null) {
            newLabels = new LinkedHashMap<>(labels);
        }
        for (Map.Entry<String, String> c : labelChanges.entrySet()) {
            if (c.getValue() == null) {
                newLabels.remove(c.getKey());
            } else {
                newLabels.put(c.getKey(), c.getValue());
            }
        }
        spec.put("Labels", newLabels);
        if (availability != null) {
            spec.put("Availability", availability.value());
        }
        if (role != null) {
            spec.put("Role", role.value());
        }
        spec.values().removeIf(Objects::isNull);
        return spec;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof NodeUpdate u && Objects.equals(u.labels, labels) && u.labelChanges.equals(labelChanges)
                && u.availability == availability && u.role == role;
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, labelChanges, availability, role);
    }

    /** Such as {@code NodeUpdate[availability=drain, +disk=ssd, -old]}; secret-looking label values masked. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "NodeUpdate[", "]");
        if (availability != null) {
            j.add("availability=" + availability.value());
        }
        if (role != null) {
            j.add("role=" + role.value());
        }
        if (labels != null) {
            j.add("labels=" + Masking.map(labels));
        }
        labelChanges.forEach((k, v) -> j.add(v == null ? "-" + k : "+" + k + "=" + Masking.value(k, v)));
        return j.toString();
    }
}
