package dev.berth.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The argument checks of {@link ContainerSpec.Builder}: each method takes a value as given, throws
 * {@link IllegalArgumentException} naming it when docker would refuse it, and otherwise returns what the builder
 * stores. {@link #checkCombination(SpecSettings)} holds the rules that involve several settings, for
 * {@code build()}.
 */
final class SpecValidation {
    /** The smallest memory limit the daemon accepts (6 MiB). */
    static final long MIN_MEMORY = 6L * ByteSize.MIB;

    private static final Pattern NAME = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final Pattern HOST_LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern SIGNAL =
            Pattern.compile("(SIG)?(HUP|INT|QUIT|ILL|TRAP|ABRT|IOT|BUS|FPE|KILL|USR1|SEGV|USR2|PIPE|ALRM|TERM"
                    + "|STKFLT|CHLD|CONT|STOP|TSTP|TTIN|TTOU|URG|XCPU|XFSZ|VTALRM|PROF|WINCH|IO|POLL|PWR|SYS"
                    + "|RTMIN(\\+\\d{1,2})?|RTMAX(-\\d{1,2})?)", Pattern.CASE_INSENSITIVE);

    private SpecValidation() {
    }

    /** The value, unless null. */
    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    static String image(String image) {
        return word(image, "image reference");
    }

    /** The name without its leading {@code /}. */
    static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid container name '" + name
                    + "': only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed, at least two characters");
        }
        return name.startsWith("/") ? name.substring(1) : name;
    }

    /** A mutable copy of a command or entrypoint, which may not hold null. */
    static List<String> strings(String what, List<String> list) {
        List<String> copy = new ArrayList<>(notNull(list, what));
        if (copy.contains(null)) {
            throw new IllegalArgumentException(what + " must not contain null: " + copy);
        }
        return copy;
    }

    static void env(String key, String value) {
        if (key == null || key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid environment variable name '" + key
                    + "': must be non-empty and contain no '='");
        }
        if (value == null || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("environment variable " + key
                    + " needs a value without NUL characters (use \"\" for empty)");
        }
    }

    /** Where the first {@code =} of {@code KEY=value} stands, after the key. */
    static int envSeparator(String keyEqualsValue) {
        int eq = keyEqualsValue == null ? -1 : keyEqualsValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("invalid environment variable '" + keyEqualsValue
                    + "': expected KEY=value");
        }
        return eq;
    }

    static void label(String key, String value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("label key must not be empty");
        }
        if (value == null) {
            throw new IllegalArgumentException("label " + key + " needs a value (use \"\" for empty)");
        }
    }

    static String workingDir(String dir) {
        if (dir == null || !dir.startsWith("/")) {
            throw new IllegalArgumentException("working directory '" + dir + "' must be an absolute path");
        }
        return dir;
    }

    static String user(String user) {
        return word(user, "user");
    }

    static String hostname(String hostname) {
        boolean valid = hostname != null && !hostname.isEmpty() && hostname.length() <= 64;
        if (valid) {
            for (String label : hostname.split("\\.", -1)) {
                valid &= HOST_LABEL.matcher(label).matches();
            }
        }
        if (!valid) {
            throw new IllegalArgumentException("invalid hostname '" + hostname
                    + "': expected letters, digits and '-' in dot-separated parts, at most 64 characters");
        }
        return hostname;
    }

    /** The port key of {@code port[/protocol]}. */
    static String exposedPort(String portAndProtocol) {
        PortBinding p = PortBinding.parse(portAndProtocol);
        if (p.hostPort() != 0 || !p.hostIp().isEmpty()) {
            throw new IllegalArgumentException("invalid exposed port '" + portAndProtocol
                    + "': expected port[/protocol] (use publish for host ports)");
        }
        return p.portKey();
    }

    static long tmpfsSize(String target, long sizeBytes) {
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("tmpfs size for " + target + " must be positive: " + sizeBytes);
        }
        return sizeBytes;
    }

    static String network(String network) {
        if ("container:".equals(network)) {
            throw invalid("network", network);
        }
        return word(network, "network");
    }

    static long memory(long bytes) {
        notNegative(bytes, "memory");
        if (bytes > 0 && bytes < MIN_MEMORY) {
            throw new IllegalArgumentException("memory " + ByteSize.format(bytes)
                    + " is below the daemon's minimum of 6m");
        }
        return bytes;
    }

    static long memorySwap(long bytes) {
        return minusOneOrMore(bytes, "memory swap");
    }

    /** The limit in nano-CPUs. */
    static long nanoCpus(double cpus) {
        if (!(cpus > 0) || Double.isInfinite(cpus) || cpus > 1e9) {
            throw new IllegalArgumentException("cpus must be a positive number: " + cpus);
        }
        long nanos = BigDecimal.valueOf(cpus).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (nanos < 1) {
            throw new IllegalArgumentException("cpus " + cpus + " is below the smallest limit, 0.000000001");
        }
        return nanos;
    }

    static int cpuShares(int shares) {
        notNegative(shares, "cpu shares");
        return shares;
    }

    static long pidsLimit(long limit) {
        return minusOneOrMore(limit, "pids limit");
    }

    static String stopSignal(String signal) {
        boolean valid = signal != null && (SIGNAL.matcher(signal).matches()
                || signal.matches("[1-9]\\d?") && Integer.parseInt(signal) <= 64);
        if (!valid) {
            throw new IllegalArgumentException("invalid stop signal '" + signal
                    + "': expected a signal name such as SIGTERM or a number from 1 to 64");
        }
        return signal;
    }

    static Duration stopTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.getNano() != 0
                || timeout.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stop timeout must be a whole, non-negative number of seconds: "
                    + (timeout == null ? null : Healthcheck.formatDuration(timeout)));
        }
        return timeout;
    }

    /** The names as a list; {@code what} ({@code capAdd} or {@code capDrop}) is for the message. */
    static List<String> capabilities(String what, String... names) {
        notNull(names, what);
        for (String n : names) {
            if (n == null || !CAPABILITY.matcher(n).matches()) {
                throw new IllegalArgumentException("invalid capability '" + n + "' in " + what);
            }
        }
        return List.of(names);
    }

    /** {@code host:ip}, with brackets around an IPv6 address dropped. */
    static String extraHost(String hostColonIp) {
        int eq = hostColonIp == null ? -1 : hostColonIp.indexOf('=');
        int colon = eq > 0 ? eq : hostColonIp == null ? -1 : hostColonIp.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid extra host '" + hostColonIp + "': expected host:ip");
        }
        String host = hostColonIp.substring(0, colon);
        String ip = hostColonIp.substring(colon + 1);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        if (!isWord(host)) {
            throw new IllegalArgumentException("invalid extra host '" + hostColonIp + "': bad host name");
        }
        if (!ip.equals("host-gateway") && !PortBinding.isIpAddress(ip)) {
            throw new IllegalArgumentException("invalid extra host '" + hostColonIp + "': '" + ip
                    + "' is not an IP address or host-gateway");
        }
        return host + ":" + ip;
    }

    static String dns(String ip) {
        if (ip == null || !PortBinding.isIpAddress(ip)) {
            throw new IllegalArgumentException("invalid DNS server '" + ip + "': expected an IP address");
        }
        return ip;
    }

    /** The rules of {@link ContainerSpec.Builder#build()}, in the order its Javadoc lists them. */
    static void checkCombination(SpecSettings s) {
        Long memory = (Long) s.get("memory");
        Long swap = (Long) s.get("memorySwap");
        if (swap != null && swap > 0 && (memory == null || memory == 0)) {
            throw new IllegalArgumentException("memorySwap " + ByteSize.format(swap)
                    + " needs a memory limit too: set memory as well");
        }
        if (swap != null && swap > 0 && swap < memory) {
            throw new IllegalArgumentException("memorySwap " + ByteSize.format(swap)
                    + " must not be less than memory " + ByteSize.format(memory)
                    + " (it is memory plus swap; use -1 for unlimited swap)");
        }
        if (memory != null && memory > 0 && memory < MIN_MEMORY) {
            throw new IllegalArgumentException("memory " + ByteSize.format(memory)
                    + " is below the daemon's minimum of 6m");
        }
        RestartPolicy restart = (RestartPolicy) s.get("restart");
        if (Boolean.TRUE.equals(s.get("rm")) && restart != null && !restart.name().equals("no")) {
            throw new IllegalArgumentException("conflicting options: cannot specify both --restart and --rm");
        }
        if (Boolean.TRUE.equals(s.get("noHealthcheck")) && (s.get("healthCmd") != null
                || s.get("healthInterval") != null || s.get("healthTimeout") != null
                || s.get("healthStartPeriod") != null || s.get("healthStartInterval") != null
                || s.get("healthRetries") != null)) {
            throw new IllegalArgumentException("--no-healthcheck conflicts with --health-* options");
        }
        List<PortBinding> publish = new ArrayList<>();
        for (Object p : s.all("publish")) {
            publish.addAll(Ports.bindings((String) p));
        }
        checkHostPorts(publish);
        String network = SpecOptions.firstNetwork(s);
        if (!s.all("networkAlias").isEmpty() && !SpecOptions.isUserNetwork(network)) {
            throw new IllegalArgumentException("network-scoped aliases are only supported for user-defined networks");
        }
        if (network.startsWith("container:")) {
            String conflict = !s.all("publish").isEmpty() || Boolean.TRUE.equals(s.get("publishAll"))
                    ? "published ports"
                    : !s.all("expose").isEmpty() ? "exposed ports"
                    : s.get("hostname") != null ? "a hostname"
                    : !s.all("dns").isEmpty() ? "DNS servers"
                    : !s.all("addHost").isEmpty() ? "extra hosts" : null;
            if (conflict != null) {
                throw new IllegalArgumentException("network " + network + " shares another container's network;"
                        + " it cannot be combined with " + conflict);
            }
        }
    }

    private static void checkHostPorts(List<PortBinding> publish) {
        for (int i = 0; i < publish.size(); i++) {
            for (int j = 0; j < i; j++) {
                PortBinding a = publish.get(i);
                PortBinding b = publish.get(j);
                if (a.hostPort() != 0 && a.hostPort() == b.hostPort() && a.protocol().equals(b.protocol())
                        && (a.hostIp().equals(b.hostIp()) || a.hostIp().isEmpty() || b.hostIp().isEmpty())) {
                    throw new IllegalArgumentException("host port " + a.hostPort() + "/" + a.protocol()
                            + " is published twice: " + b + " and " + a);
                }
            }
        }
    }

    private static String word(String value, String what) {
        if (!isWord(value)) {
            throw invalid(what, value);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String what, String value) {
        return new IllegalArgumentException("invalid " + what + " '" + value + "'");
    }

    /** Not null, not empty, no whitespace. */
    private static boolean isWord(String s) {
        return s != null && !s.isEmpty() && s.chars().noneMatch(Character::isWhitespace);
    }

    private static void notNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }

    private static long minusOneOrMore(long value, String what) {
        if (value < -1) {
            throw new IllegalArgumentException(what + " must be -1 (unlimited) or more: " + value);
        }
        return value;
    }
}
