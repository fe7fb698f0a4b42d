package dev.berth.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code -p} and {@code --expose} text as the CLI reads it: ranges, {@code /udp}, {@code /sctp}, IPv6 in brackets. */
final class Ports {
    private Ports() {
    }

    /** One published port range: host IP, host ports (or empty), container ports, protocol. */
    private record Spec(String ip, long hostStart, long hostEnd, boolean hasHost, long start, long end,
            String proto) {
    }

    static String check(String s) {
        spec(s);
        return s;
    }

    private static Spec spec(String raw) {
        String rest = raw;
        String proto = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            proto = rest.substring(slash + 1).toLowerCase(Locale.ROOT);
            rest = rest.substring(0, slash);
        }
        String[] parts = rest.split(":", -1);
        int n = parts.length;
        String container = parts[n - 1];
        String host = n >= 2 ? parts[n - 2] : "";
        String ip = n == 3 ? parts[0] : n > 3 ? String.join(":", List.of(parts).subList(0, n - 2)) : "";
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        if (!ip.isEmpty() && !PortBinding.isIpAddress(ip)) {
            throw new IllegalArgumentException("invalid IP address: " + ip);
        }
        if (container.isEmpty()) {
            throw new IllegalArgumentException("no port specified: " + raw + "<empty>");
        }
        long[] c = range(container, "invalid containerPort: " + container);
        long[] h = host.isEmpty() ? new long[] {0, 0} : range(host, "invalid hostPort: " + host);
        if (!host.isEmpty() && c[1] - c[0] != h[1] - h[0] && c[1] != c[0]) {
            throw new IllegalArgumentException("invalid ranges specified for container and host Ports: " + container
                    + " and " + host);
        }
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw new IllegalArgumentException("invalid proto: " + proto);
        }
        return new Spec(ip, h[0], h[1], !host.isEmpty(), c[0], c[1], proto);
    }

    private static long[] range(String text, String error) {
        String[] ends = text.split("-", -1);
        if (ends.length > 2) {
            throw new IllegalArgumentException(error);
        }
        try {
            long start = Long.parseLong(ends[0]);
            long end = ends.length == 2 ? Long.parseLong(ends[1]) : start;
            if (start < 0 || end > 65535 || end < start) {
                throw new IllegalArgumentException(error);
            }
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(error, e);
        }
    }

    /** The port keys of an {@code --expose} value, such as {@code 80/tcp}. */
    static List<String> exposed(String raw) {
        String rest = raw;
        String proto = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            proto = rest.substring(slash + 1).toLowerCase(Locale.ROOT);
            rest = rest.substring(0, slash);
        }
        if (rest.contains(":")) {
            throw new IllegalArgumentException("invalid port format for --expose: " + raw);
        }
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw new IllegalArgumentException("invalid proto: " + proto);
        }
        long[] r = range(rest, "invalid range format for --expose: " + raw);
        List<String> keys = new ArrayList<>();
        for (long p = r[0]; p <= r[1]; p++) {
            keys.add(p + "/" + proto);
        }
        return keys;
    }

    /** Writes ExposedPorts and PortBindings for one {@code -p} value. */
    static void write(CreateBody b, String raw) {
        Spec s = spec(raw);
        for (long i = 0; i <= s.end() - s.start(); i++) {
            String key = (s.start() + i) + "/" + s.proto();
            String hostPort = s.hasHost() ? Long.toString(s.hostStart() + i) : "";
            if (s.start() == s.end() && s.hostStart() != s.hostEnd()) {
                hostPort = hostPort + "-" + s.hostEnd();
            }
            SpecOptions.mapIn(b.map("Config.ExposedPorts"), key);
            Map<String, Object> binding = new LinkedHashMap<>();
            binding.put("HostIp", s.ip());
            binding.put("HostPort", hostPort);
            SpecOptions.listIn(b.map("HostConfig.PortBindings"), key).add(binding);
        }
    }

    /** {@code -p} read back: one value per binding, {@code [ip:][hostPort:]port[/proto]} ({@code /tcp} left out). */
    static Object readPublished(ReadBody b) {
        List<String> out = new ArrayList<>();
        b.map("HostConfig.PortBindings").forEach((key, bindings) -> {
            String port = key.endsWith("/tcp") ? key.substring(0, key.length() - 4) : key;
            for (Object o : bindings instanceof List<?> l ? l : List.of()) {
                Map<?, ?> m = o instanceof Map<?, ?> x ? x : Map.of();
                String ip = m.get("HostIp") instanceof String s ? s : "";
                String host = m.get("HostPort") instanceof String s ? s : "";
                ip = ip.contains(":") ? "[" + ip + "]" : ip;
                out.add(!ip.isEmpty() ? ip + ":" + host + ":" + port : host.isEmpty() ? port : host + ":" + port);
            }
        });
        return out;
    }

    /** {@code --expose} read back: the exposed ports no {@code -p} publishes, {@code /tcp} left out. */
    static Object readExposed(ReadBody b) {
        List<String> out = new ArrayList<>();
        Map<String, Object> published = b.map("HostConfig.PortBindings");
        for (String key : b.map("Config.ExposedPorts").keySet()) {
            if (!published.containsKey(key)) {
                out.add(key.endsWith("/tcp") ? key.substring(0, key.length() - 4) : key);
            }
        }
        return out;
    }

    /** The bindings of a {@code -p} value that {@link PortBinding} can hold (one port each), for the getter. */
    static List<PortBinding> bindings(String raw) {
        Spec s = spec(raw);
        List<PortBinding> out = new ArrayList<>();
        if (s.hostStart() != s.hostEnd() && s.start() == s.end()) {
            return out;
        }
        for (long i = 0; i <= s.end() - s.start(); i++) {
            out.add(new PortBinding(s.ip(), s.hasHost() ? (int) (s.hostStart() + i) : 0, (int) (s.start() + i),
                    s.proto()));
        }
        return out;
    }
}
