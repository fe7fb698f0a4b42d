package dev.berth.model;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON side of {@link ServiceSpec}: deep copies of the daemon's spec (integral numbers as {@code Long}, so a
 * spec read back equals one built), safe navigation in it, and the conversions between API objects and the typed
 * parts (mounts, ports, secret and config references, durations).
 */
final class ServiceSpecJson {
    private ServiceSpecJson() {
    }

    // ---- copies ------------------------------------------------------------------------------------------------

    /** A deep copy of JSON-like data: maps and lists become unmodifiable or fresh mutable ones; integers Longs. */
    static Object copy(Object value, boolean mutable) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v, mutable)));
            return mutable ? out : Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(copy(v, mutable)));
            return mutable ? out : Collections.unmodifiableList(out);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copyMap(Map<String, ?> map, boolean mutable) {
        return map == null ? (mutable ? new LinkedHashMap<>() : Map.of()) : (Map<String, Object>) copy(map, mutable);
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** The object under {@code key}, or an empty map when it is absent or not an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
    }

    /** The array under {@code key}, or an empty list. */
    static List<?> array(Map<String, Object> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v instanceof List<?> l ? l : List.of();
    }

    /** The text under {@code key}; null when absent or empty. */
    static String string(Map<String, Object> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v == null || v.toString().isEmpty() ? null : v.toString();
    }

    static long number(Map<String, Object> parent, String key, long otherwise) {
        Object v = parent == null ? null : parent.get(key);
        return v instanceof Number n ? n.longValue() : otherwise;
    }

    static boolean flag(Map<String, Object> parent, String key) {
        return Boolean.TRUE.equals(parent == null ? null : parent.get(key));
    }

    static List<String> strings(Map<String, Object> parent, String key) {
        List<String> out = new ArrayList<>();
        for (Object o : array(parent, key)) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    static Map<String, String> stringMap(Map<String, Object> parent, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        object(parent, key).forEach((k, v) -> out.put(k, v == null ? "" : v.toString()));
        return out;
    }

    /** {@code KEY=value} entries as a map; an entry without {@code =} maps to an empty value. */
    static Map<String, String> env(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq < 0) {
                out.put(e, "");
            } else {
                out.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        return out;
    }

    static Duration nanos(Map<String, Object> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v instanceof Number n ? Duration.ofNanos(n.longValue()) : null;
    }

    /** The entries of an array that {@code parse} understands, in order; those it refuses are skipped. */
    static <T> List<T> parsed(List<?> entries, Function<Map<String, Object>, T> parse) {
        List<T> out = new ArrayList<>();
        for (Object o : entries) {
            T t = parseOrNull(o, parse);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static <T> T parseOrNull(Object entry, Function<Map<String, Object>, T> parse) {
        if (!(entry instanceof Map<?, ?>)) {
            return null;
        }
        try {
            return parse.apply((Map<String, Object>) entry);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    // ---- writing -----------------------------------------------------------------------------------------------

    /**
     * The mutable object under {@code key}, created (and put in place, so key order follows the API's) when absent;
     * {@link #prune} removes it again if it stays empty.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        if (v instanceof Map<?, ?>) {
            return (Map<String, Object>) v;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    /** Removes {@code key} when it holds an empty object. */
    static void prune(Map<String, Object> parent, String key) {
        if (parent.get(key) instanceof Map<?, ?> m && m.isEmpty()) {
            parent.remove(key);
        }
    }

    /** Puts the value, or removes the key when the value is null, an empty list or an empty map. */
    static void put(Map<String, Object> parent, String key, Object value) {
        if (value == null || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
            parent.remove(key);
        } else {
            parent.put(key, value);
        }
    }

    /**
     * Writes a typed list: each element as the daemon sent it when the original entry reads back equal (so fields
     * Berth does not model survive), else freshly written; then the original entries Berth could not read at all,
     * which it cannot remove either.
     */
    static <T> List<Object> merged(List<?> original, List<T> typed, Function<Map<String, Object>, T> parse,
                                   Function<T, Map<String, Object>> write) {
        List<Object> out = new ArrayList<>();
        List<Object> unread = new ArrayList<>();
        Map<T, Object> originals = new LinkedHashMap<>();
        for (Object o : original) {
            T t = parseOrNull(o, parse);
            if (t == null) {
                unread.add(o);
            } else {
                originals.putIfAbsent(t, o);
            }
        }
        for (T t : typed) {
            Object o = originals.get(t);
            out.add(o != null ? copy(o, true) : write.apply(t));
        }
        for (Object o : unread) {
            out.add(copy(o, true));
        }
        return out;
    }

    static List<String> envList(Map<String, String> env) {
        List<String> out = new ArrayList<>(env.size());
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    // ---- mounts ------------------------------------------------------------------------------------------------

    static Mount readMount(Map<String, Object> m) {
        String type = string(m, "Type");
        String source = string(m, "Source");
        String target = string(m, "Target");
        boolean readOnly = flag(m, "ReadOnly");
        if ("bind".equals(type)) {
            return new Mount(Mount.Type.BIND, source, target, readOnly, 0);
        }
        if ("volume".equals(type)) {
            return new Mount(Mount.Type.VOLUME, source, target, readOnly, 0);
        }
        if ("tmpfs".equals(type)) {
            return new Mount(Mount.Type.TMPFS, "", target, readOnly,
                    number(object(m, "TmpfsOptions"), "SizeBytes", 0));
        }
        return null;
    }

    static Map<String, Object> writeMount(Mount mount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Type", mount.type().name().toLowerCase(java.util.Locale.ROOT));
        if (!mount.source().isEmpty()) {
            m.put("Source", mount.source());
        }
        m.put("Target", mount.target());
        if (mount.readOnly()) {
            m.put("ReadOnly", true);
        }
        if (mount.tmpfsSize() > 0) {
            m.put("TmpfsOptions", new LinkedHashMap<>(Map.of("SizeBytes", mount.tmpfsSize())));
        }
        return m;
    }

    // ---- networks ----------------------------------------------------------------------------------------------

    static String readNetwork(Map<String, Object> m) {
        return string(m, "Target");
    }

    static Map<String, Object> writeNetwork(String target) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Target", target);
        return m;
    }

    // ---- ports -------------------------------------------------------------------------------------------------

    static ServiceSpec.Port readPort(Map<String, Object> m) {
        String protocol = string(m, "Protocol");
        String mode = string(m, "PublishMode");
        return new ServiceSpec.Port((int) number(m, "TargetPort", 0), (int) number(m, "PublishedPort", 0),
                protocol == null ? null : ServiceSpec.Port.Protocol.of(protocol),
                mode == null ? null : ServiceSpec.Port.PublishMode.of(mode));
    }

    static Map<String, Object> writePort(ServiceSpec.Port p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Protocol", p.protocol().value());
        m.put("TargetPort", (long) p.target());
        if (p.published() != 0) {
            m.put("PublishedPort", (long) p.published());
        }
        m.put("PublishMode", p.mode().value());
        return m;
    }

    // ---- secret and config references --------------------------------------------------------------------------

    static ServiceSpec.FileReference readReference(Map<String, Object> m, String kind) {
        Map<String, Object> file = object(m, "File");
        if (file.isEmpty()) {
            return null; // a config used at runtime (credential spec): no file, not modelled
        }
        return new ServiceSpec.FileReference(string(m, kind + "ID"), string(m, kind + "Name"),
                string(file, "Name"), string(file, "UID"), string(file, "GID"), (int) number(file, "Mode", 0));
    }

    static Map<String, Object> writeReference(ServiceSpec.FileReference r, String kind) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("Name", r.fileName());
        file.put("UID", r.uid());
        file.put("GID", r.gid());
        file.put("Mode", (long) r.mode());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("File", file);
        m.put(kind + "ID", r.id());
        m.put(kind + "Name", r.name());
        return m;
    }
}
