package dev.berth.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@code --network} value: a name, or {@code name=n,alias=a,ip=...,driver-opt=k=v,...} as the CLI reads it. */
record NetworkOption(String name, List<String> aliases, String ip, String ip6, String mac, List<String> linkLocalIps,
        Map<String, String> driverOpts, Long gwPriority) {

    static NetworkOption parse(String value) {
        if (!value.contains("=")) {
            return new NetworkOption(value, List.of(), null, null, null, List.of(), Map.of(), null);
        }
        String name = null;
        String ip = null;
        String ip6 = null;
        String mac = null;
        Long gw = null;
        List<String> aliases = new ArrayList<>();
        List<String> lla = new ArrayList<>();
        Map<String, String> opts = new LinkedHashMap<>();
        for (String field : Csv.fields(value)) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
            }
            String key = field.substring(0, eq);
            String val = field.substring(eq + 1);
            switch (key) {
                case "name" -> name = val;
                case "alias" -> aliases.add(val);
                case "ip" -> ip = val;
                case "ip6" -> ip6 = val;
                case "mac-address" -> mac = val;
                case "link-local-ip" -> lla.add(val);
                case "driver-opt" -> {
                    int e2 = val.indexOf('=');
                    if (e2 < 0) {
                        throw new IllegalArgumentException("invalid key value pair format in driver options");
                    }
                    opts.put(val.substring(0, e2), val.substring(e2 + 1));
                }
                case "gw-priority" -> {
                    try {
                        gw = Long.parseLong(val);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid gw-priority: " + val, e);
                    }
                }
                default -> throw new IllegalArgumentException("invalid field key " + key);
            }
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("network name not specified in '" + value + "'");
        }
        return new NetworkOption(name, aliases, ip, ip6, mac, lla, opts, gw);
    }

    void write(Map<String, Object> ep) {
        if (!aliases.isEmpty()) {
            SpecOptions.listIn(ep, "Aliases").addAll(aliases);
        }
        if (ip != null) {
            SpecOptions.mapIn(ep, "IPAMConfig").put("IPv4Address", ip);
        }
        if (ip6 != null) {
            SpecOptions.mapIn(ep, "IPAMConfig").put("IPv6Address", ip6);
        }
        if (!linkLocalIps.isEmpty()) {
            SpecOptions.listIn(SpecOptions.mapIn(ep, "IPAMConfig"), "LinkLocalIPs").addAll(linkLocalIps);
        }
        if (mac != null) {
            ep.put("MacAddress", mac);
        }
        if (!driverOpts.isEmpty()) {
            SpecOptions.mapIn(ep, "DriverOpts").putAll(driverOpts);
        }
        if (gwPriority != null) {
            ep.put("GwPriority", gwPriority);
        }
    }
}
