package dev.berth.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One published port, as {@code docker run -p} takes it: {@code [ip:][hostPort:]containerPort[/protocol]}.
 *
 * <pre>{@code
 * PortBinding.parse("8080:80");                 // all interfaces, host 8080 -> container 80/tcp
 * PortBinding.parse("127.0.0.1::53/udp");       // loopback only, random host port
 * PortBinding.parse("[::1]:8080:80").hostIp();  // "::1"
 * PortBinding.of(8080, 80).portKey();           // "80/tcp"
 * }</pre>
 *
 * @param hostIp the host address to listen on, without brackets; {@code ""} for all interfaces
 * @param hostPort the host port, 1 to 65535, or 0 for one the daemon picks
 * @param containerPort the container port, 1 to 65535
 * @param protocol {@code tcp}, {@code udp} or {@code sctp}
 */
public record PortBinding(String hostIp, int hostPort, int containerPort, String protocol) {
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    /**
     * Checks and normalises: a null {@code hostIp} becomes {@code ""}, a null protocol {@code tcp}, and the protocol
     * is lower-cased.
     *
     * @param hostIp the host address, {@code ""} or null for all interfaces; IPv6 with or without brackets
     * @param hostPort 1 to 65535, or 0 for a random port
     * @param containerPort 1 to 65535
     * @param protocol {@code tcp}, {@code udp} or {@code sctp}, any case; null for {@code tcp}
     * @throws IllegalArgumentException when a port is out of range, the protocol is unknown or the address is not an
     *         IPv4 or IPv6 literal
     */
    public PortBinding {
        hostIp = hostIp == null ? "" : hostIp;
        if (hostIp.startsWith("[") && hostIp.endsWith("]")) {
            hostIp = hostIp.substring(1, hostIp.length() - 1);
        }
        if (!hostIp.isEmpty() && !isIpAddress(hostIp)) {
            throw new IllegalArgumentException("invalid host IP address '" + hostIp + "'");
        }
        if (hostPort < 0 || hostPort > 65535) {
            throw new IllegalArgumentException(
                    "host port " + hostPort + " is out of range 1..65535 (or 0 for a random port)");
        }
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("container port " + containerPort + " is out of range 1..65535");
        }
        protocol = protocol == null ? "tcp" : protocol.toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("unknown protocol '" + protocol + "': expected tcp, udp or sctp");
        }
    }

    /**
     * A TCP port published on all host interfaces.
     *
     * <pre>{@code
     * PortBinding.of(8080, 80);  // like -p 8080:80
     * PortBinding.of(0, 80);     // like -p 80: a random host port
     * }</pre>
     *
     * @param hostPort the host port, or 0 for a random one
     * @param containerPort the container port
     * @return the binding
     */
    public static PortBinding of(int hostPort, int containerPort) {
        return new PortBinding("", hostPort, containerPort, "tcp");
    }

    /**
     * Reads {@code docker run -p} syntax: {@code [ip:][hostPort:]containerPort[/tcp|udp|sctp]}. An empty or missing
     * host port means a random one; an IPv6 address must be in brackets. Port ranges ({@code 8000-8010:80-90}) are
     * not supported: publish each port.
     *
     * <pre>{@code
     * PortBinding.parse("80");                // random host port -> 80/tcp
     * PortBinding.parse("8080:80/udp");       // 8080 -> 80/udp
     * PortBinding.parse("127.0.0.1::80");     // loopback, random host port
     * PortBinding.parse("[::1]:8080:80");     // IPv6 loopback
     * }</pre>
     *
     * @param spec the {@code -p} value
     * @return the binding
     * @throws IllegalArgumentException naming the spec when it cannot be read
     */
    public static PortBinding parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("port spec must not be empty");
        }
        String rest = spec.strip();
        String protocol = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            protocol = rest.substring(slash + 1).toLowerCase(Locale.ROOT);
            rest = rest.substring(0, slash);
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("invalid port spec '" + spec + "': unknown protocol '" + protocol
                        + "', expected tcp, udp or sctp");
            }
        }
        String ip = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("invalid port spec '" + spec
                        + "': expected [ipv6]:hostPort:containerPort");
            }
            ip = rest.substring(1, close);
            rest = rest.substring(close + 2);
            if (!isIpv6(ip)) {
                throw new IllegalArgumentException("invalid port spec '" + spec + "': '" + ip
                        + "' is not an IPv6 address");
            }
            if (rest.indexOf(':') < 0) {
                throw new IllegalArgumentException("invalid port spec '" + spec
                        + "': expected [ipv6]:hostPort:containerPort");
            }
        }
        String[] parts = rest.split(":", -1);
        String hostPort;
        String containerPort;
        switch (parts.length) {
            case 1 -> {
                hostPort = "";
                containerPort = parts[0];
            }
            case 2 -> {
                hostPort = parts[0];
                containerPort = parts[1];
            }
            case 3 -> {
                if (!ip.isEmpty()) {
                    throw new IllegalArgumentException("invalid port spec '" + spec + "': too many parts");
                }
                ip = parts[0];
                hostPort = parts[1];
                containerPort = parts[2];
                if (ip.isEmpty()) {
                    throw new IllegalArgumentException("invalid port spec '" + spec + "': empty host IP");
                }
                if (!isIpv4(ip)) {
                    throw new IllegalArgumentException("invalid port spec '" + spec + "': '" + ip
                            + "' is not an IPv4 address (write IPv6 addresses in brackets: [::1]:8080:80)");
                }
            }
            default -> throw new IllegalArgumentException("invalid port spec '" + spec
                    + "': expected [ip:][hostPort:]containerPort[/protocol] (IPv6 addresses in brackets)");
        }
        if (containerPort.isEmpty()) {
            throw new IllegalArgumentException("invalid port spec '" + spec + "': no container port");
        }
        int host = hostPort.isEmpty() ? 0 : port(spec, "host", hostPort, 0);
        int container = port(spec, "container", containerPort, 1);
        return new PortBinding(ip, host, container, protocol);
    }

    private static int port(String spec, String which, String text, int min) {
        if (text.contains("-")) {
            throw new IllegalArgumentException("invalid port spec '" + spec
                    + "': port ranges are not supported, publish each port");
        }
        if (!DIGITS.matcher(text).matches()) {
            throw new IllegalArgumentException("invalid port spec '" + spec + "': " + which + " port '" + text
                    + "' is not a number");
        }
        int port = text.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(text);
        if (port < min || port > 65535) {
            throw new IllegalArgumentException("invalid port spec '" + spec + "': " + which + " port " + text
                    + " is out of range " + min + "..65535");
        }
        return port;
    }

    /**
     * The key the Engine API uses for the container side of this binding.
     *
     * <pre>{@code
     * PortBinding.parse("8080:53/udp").portKey(); // "53/udp"
     * }</pre>
     *
     * @return {@code containerPort/protocol}
     */
    public String portKey() {
        return containerPort + "/" + protocol;
    }

    /**
     * The binding in {@code -p} syntax, which {@link #parse(String)} reads back.
     *
     * <pre>{@code
     * PortBinding.of(8080, 80).toString();             // "8080:80/tcp"
     * PortBinding.parse("127.0.0.1::80").toString();   // "127.0.0.1::80/tcp"
     * PortBinding.parse("80").toString();              // "80/tcp"
     * }</pre>
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (!hostIp.isEmpty()) {
            s.append(hostIp.indexOf(':') >= 0 ? "[" + hostIp + "]" : hostIp).append(':');
            s.append(hostPort == 0 ? "" : Integer.toString(hostPort)).append(':');
        } else if (hostPort != 0) {
            s.append(hostPort).append(':');
        }
        return s.append(portKey()).toString();
    }

    /** Whether the text is an IPv4 literal or an IPv6 literal (without brackets). Never looks anything up. */
    static boolean isIpAddress(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    static boolean isIpv4(String s) {
        return IPV4.matcher(s).matches();
    }

    static boolean isIpv6(String s) {
        if (s.indexOf(':') < 0) {
            return false;
        }
        String head = s;
        String tail = "";
        int doubleColon = s.indexOf("::");
        boolean compressed = doubleColon >= 0;
        if (compressed) {
            if (s.indexOf("::", doubleColon + 1) >= 0) {
                return false;
            }
            head = s.substring(0, doubleColon);
            tail = s.substring(doubleColon + 2);
        }
        List<String> groups = new ArrayList<>();
        if (!head.isEmpty()) {
            groups.addAll(List.of(head.split(":", -1)));
        }
        if (!tail.isEmpty()) {
            groups.addAll(List.of(tail.split(":", -1)));
        }
        int count = 0;
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            if (i == groups.size() - 1 && g.indexOf('.') >= 0) {
                if (!isIpv4(g)) {
                    return false;
                }
                count += 2;
            } else if (HEX_GROUP.matcher(g).matches()) {
                count++;
            } else {
                return false;
            }
        }
        return compressed ? count <= 7 : count == 8;
    }
}
