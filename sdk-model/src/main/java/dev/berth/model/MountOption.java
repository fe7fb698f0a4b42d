package dev.berth.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code --mount} text as the CLI reads it, written as an entry of {@code HostConfig.Mounts}. */
final class MountOption {
    private static final Set<String> TYPES = Set.of("bind", "volume", "tmpfs", "npipe", "cluster", "image");

    private MountOption() {
    }

    static Map<String, Object> json(String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> bind = new LinkedHashMap<>();
        Map<String, Object> volume = new LinkedHashMap<>();
        Map<String, Object> driver = new LinkedHashMap<>();
        Map<String, Object> tmpfs = new LinkedHashMap<>();
        Map<String, Object> image = new LinkedHashMap<>();
        String type = "volume";
        Set<String> prefixes = new HashSet<>();
        for (String field : Csv.fields(value)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            String val = eq < 0 ? null : field.substring(eq + 1);
            if (eq < 0 && !Set.of("readonly", "ro", "volume-nocopy", "bind-nonrecursive").contains(key)) {
                throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
            }
            if (key.contains("-")) {
                prefixes.add(key.substring(0, key.indexOf('-')));
            }
            switch (key) {
                case "type" -> {
                    type = val.toLowerCase(Locale.ROOT);
                    if (!TYPES.contains(type)) {
                        throw new IllegalArgumentException("invalid mount type: " + val);
                    }
                }
                case "source", "src" -> m.put("Source", val);
                case "target", "dst", "destination" -> m.put("Target", val);
                case "readonly", "ro" -> m.put("ReadOnly", bool(field, val));
                case "consistency" -> m.put("Consistency", val);
                case "bind-propagation" -> bind.put("Propagation", val);
                case "bind-nonrecursive" -> bind.put("NonRecursive", bool(field, val));
                case "bind-create-mountpoint" -> bind.put("CreateMountpoint", bool(field, val));
                case "bind-recursive" -> {
                    switch (val) {
                        case "enabled" -> { }
                        case "disabled" -> bind.put("NonRecursive", true);
                        case "writable" -> bind.put("ReadOnlyNonRecursive", true);
                        case "readonly" -> bind.put("ReadOnlyForceRecursive", true);
                        default -> throw new IllegalArgumentException("invalid value for bind-recursive: " + val);
                    }
                }
                case "volume-nocopy" -> volume.put("NoCopy", bool(field, val));
                case "volume-label" -> putKv(volume, "Labels", val);
                case "volume-driver" -> driver.put("Name", val);
                case "volume-opt" -> putKv(driver, "Options", val);
                case "volume-subpath" -> volume.put("Subpath", val);
                case "tmpfs-size" -> tmpfs.put("SizeBytes", ByteSize.parse(val));
                case "tmpfs-mode" -> {
                    try {
                        tmpfs.put("Mode", Long.parseLong(val, 8));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid value for tmpfs-mode: " + val, e);
                    }
                }
                case "image-subpath" -> image.put("Subpath", val);
                default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "'");
            }
        }
        m.put("Type", type);
        if (!m.containsKey("Target")) {
            throw new IllegalArgumentException("target is required");
        }
        for (String prefix : prefixes) {
            if (!prefix.equals(type)) {
                throw new IllegalArgumentException("cannot mix '" + prefix + "-*' options with mount type '"
                        + type + "'");
            }
        }
        if (type.equals("bind") && m.get("Source") instanceof String src && !src.startsWith("/")
                && !src.isEmpty()) {
            m.put("Source", Path.of(src).toAbsolutePath().normalize().toString());
        }
        if (!bind.isEmpty()) {
            m.put("BindOptions", bind);
        }
        if (!driver.isEmpty()) {
            volume.put("DriverConfig", driver);
        }
        if (!volume.isEmpty()) {
            m.put("VolumeOptions", volume);
        }
        if (!tmpfs.isEmpty()) {
            m.put("TmpfsOptions", tmpfs);
        }
        if (!image.isEmpty()) {
            m.put("ImageOptions", image);
        }
        return m;
    }

    /** {@return a {@code HostConfig.Mounts} entry as {@code --mount} text, which {@link #json} reads back} */
    static String text(Map<?, ?> m) {
        List<String> f = new ArrayList<>();
        String type = m.get("Type") instanceof String t && !t.isEmpty() ? t : "volume";
        f.add("type=" + type);
        if (m.get("Source") instanceof String s && !s.isEmpty()) {
            f.add("source=" + s);
        }
        f.add("target=" + m.get("Target"));
        if (Boolean.TRUE.equals(m.get("ReadOnly"))) {
            f.add("readonly");
        }
        if (m.get("Consistency") instanceof String c && !c.isEmpty()) {
            f.add("consistency=" + c);
        }
        Map<?, ?> bind = sub(m, "BindOptions");
        if (bind.get("Propagation") instanceof String p && !p.isEmpty()) {
            f.add("bind-propagation=" + p);
        }
        if (Boolean.TRUE.equals(bind.get("ReadOnlyForceRecursive"))) {
            f.add("bind-recursive=readonly");
        } else if (Boolean.TRUE.equals(bind.get("ReadOnlyNonRecursive"))) {
            f.add("bind-recursive=writable");
        } else if (Boolean.TRUE.equals(bind.get("NonRecursive"))) {
            f.add("bind-recursive=disabled");
        }
        if (Boolean.TRUE.equals(bind.get("CreateMountpoint"))) {
            f.add("bind-create-mountpoint");
        }
        Map<?, ?> volume = sub(m, "VolumeOptions");
        if (Boolean.TRUE.equals(volume.get("NoCopy"))) {
            f.add("volume-nocopy");
        }
        sub(volume, "Labels").forEach((k, v) -> f.add("volume-label=" + k + "=" + v));
        if (volume.get("Subpath") instanceof String s && !s.isEmpty()) {
            f.add("volume-subpath=" + s);
        }
        Map<?, ?> driver = sub(volume, "DriverConfig");
        if (driver.get("Name") instanceof String d && !d.isEmpty()) {
            f.add("volume-driver=" + d);
        }
        sub(driver, "Options").forEach((k, v) -> f.add("volume-opt=" + k + "=" + v));
        Map<?, ?> tmpfs = sub(m, "TmpfsOptions");
        if (tmpfs.get("SizeBytes") instanceof Number n && n.longValue() != 0) {
            f.add("tmpfs-size=" + n.longValue());
        }
        if (tmpfs.get("Mode") instanceof Number n && n.longValue() != 0) {
            f.add("tmpfs-mode=" + Long.toOctalString(n.longValue()));
        }
        if (sub(m, "ImageOptions").get("Subpath") instanceof String s && !s.isEmpty()) {
            f.add("image-subpath=" + s);
        }
        return Csv.join(f);
    }

    private static Map<?, ?> sub(Map<?, ?> m, String key) {
        return m.get(key) instanceof Map<?, ?> x ? x : Map.of();
    }

    private static boolean bool(String field, String val) {
        if (val == null) {
            return true;
        }
        return switch (val.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException("invalid value for '" + field + "'");
        };
    }

    @SuppressWarnings("unchecked")
    private static void putKv(Map<String, Object> parent, String key, String kv) {
        int eq = kv.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("invalid key=value pair '" + kv + "'");
        }
        ((Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>()))
                .put(kv.substring(0, eq), kv.substring(eq + 1));
    }
}
