package dev.berth.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@code --gpus} value as the CLI reads it ({@code all}, a count, {@code "device=0,1"}, capabilities...). */
final class Gpus {
    private Gpus() {
    }

    static Map<String, Object> json(String value) {
        Map<String, Object> req = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        long count = 0;
        List<String> devices = null;
        List<String> caps = null;
        Map<String, String> options = new LinkedHashMap<>();
        String driver = "";
        for (String field : Csv.fields(value)) {
            int eq = field.indexOf('=');
            String key = eq < 0 ? field : field.substring(0, eq);
            String val = eq < 0 ? null : field.substring(eq + 1);
            if (!seen.add(key)) {
                throw new IllegalArgumentException("gpu request key '" + key + "' can be specified only once");
            }
            if (val == null) {
                seen.add("count");
                count = count(key);
                continue;
            }
            switch (key) {
                case "driver" -> driver = val;
                case "count" -> count = count(val);
                case "device" -> devices = new ArrayList<>(List.of(val.split(",", -1)));
                case "capabilities" -> {
                    caps = new ArrayList<>(List.of(val.split(",", -1)));
                    caps.add("gpu");
                }
                case "options" -> {
                    for (String kv : Csv.fields(val)) {
                        int e2 = kv.indexOf('=');
                        options.put(e2 < 0 ? kv : kv.substring(0, e2), e2 < 0 ? "" : kv.substring(e2 + 1));
                    }
                }
                default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "'");
            }
        }
        if (!seen.contains("count") && devices == null) {
            count = 1;
        }
        req.put("Driver", driver);
        req.put("Count", count);
        if (devices != null) {
            req.put("DeviceIDs", devices);
        }
        List<Object> capabilities = new ArrayList<>();
        capabilities.add(caps == null ? new ArrayList<>(List.of("gpu")) : caps);
        req.put("Capabilities", capabilities);
        req.put("Options", options);
        return req;
    }

    /** {@return a {@code DeviceRequests} entry as {@code --gpus} text, which {@link #json} reads back} */
    static String text(Map<?, ?> r) {
        List<String> f = new ArrayList<>();
        if (r.get("Driver") instanceof String d && !d.isEmpty()) {
            f.add("driver=" + d);
        }
        long count = r.get("Count") instanceof Number n ? n.longValue() : 0;
        boolean devices = r.get("DeviceIDs") instanceof List<?> ids && !ids.isEmpty();
        if (devices) {
            f.add("device=" + String.join(",", SpecOptions.strings((List<?>) r.get("DeviceIDs"))));
        }
        if (count != 0 || !devices) {
            f.add("count=" + (count == -1 ? "all" : Long.toString(count)));
        }
        if (r.get("Capabilities") instanceof List<?> alternatives && !alternatives.isEmpty()
                && alternatives.get(0) instanceof List<?> caps) {
            List<String> named = new ArrayList<>(SpecOptions.strings(caps));
            named.remove("gpu");
            if (!named.isEmpty()) {
                f.add("capabilities=" + String.join(",", named));
            }
        }
        if (r.get("Options") instanceof Map<?, ?> opts && !opts.isEmpty()) {
            List<String> kv = new ArrayList<>();
            opts.forEach((k, v) -> kv.add(k + "=" + v));
            f.add("options=" + Csv.join(kv));
        }
        return Csv.join(f);
    }

    private static long count(String s) {
        if (s.equals("all")) {
            return -1;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid count (" + s + "): " + e.getMessage(), e);
        }
    }
}
