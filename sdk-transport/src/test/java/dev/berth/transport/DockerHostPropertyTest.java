package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.InvalidDockerHostException;
import dev.berth.transport.DockerHost.Scheme;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property tests of {@link DockerHost#parse}: on random strings and random mutations of valid addresses it returns
 * a host or throws {@link InvalidDockerHostException}, nothing else; a host it returns prints as an address that
 * parses back to the same host; generated valid hosts survive {@code parse(h.toString())}.
 *
 * <p>Fixed seeds; {@code -Dberth.fuzz.iterations=N} multiplies the case count for a longer run.
 */
class DockerHostPropertyTest {
    private static final int FACTOR = Math.max(1, Integer.getInteger("berth.fuzz.iterations", 1));
    private static final Duration LIMIT = Duration.ofSeconds(60L * FACTOR);
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String[] PIECES = {"unix://", "tcp://", "http://", "https://", "npipe://", "ssh://", "ftp://",
        "TCP://", "://", ":/", "//", "/", ":", "::", "@", "[", "]", "[::1]", "%", "%20", "%2F", "%zz", "?", "#", " ",
        "\t", "\u00e9", "\u6f22", "\ud83d\udc33", "localhost", "127.0.0.1", "::1", "2375", "65536", "0", "-1",
        "99999999999", "user", "me:pw", "a", "b-c", "x_y", ".", "..", "docker.sock", "\\", "\\\\.\\pipe\\x", "*",
        "\u0000", "\n"};

    private static String pick(SplittableRandom r, String alphabet, int min, int max) {
        StringBuilder s = new StringBuilder();
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String label(SplittableRandom r) {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        String s = pick(r, letters, 1, 1) + pick(r, ALNUM + "-", 0, 8);
        return s.endsWith("-") ? s + "x" : s;
    }

    private static String hostName(SplittableRandom r) {
        switch (r.nextInt(5)) {
            case 0:
                return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            case 1: {
                String[] v6 = {"::1", "fe80::1", "2001:db8::2:1", "::", "::ffff:10.0.0.1", "2001:db8:0:0:0:0:0:1"};
                return v6[r.nextInt(v6.length)];
            }
            case 2:
                return "localhost";
            default: {
                StringBuilder s = new StringBuilder(label(r));
                int more = r.nextInt(3);
                for (int i = 0; i < more; i++) {
                    s.append('.').append(label(r));
                }
                return s.toString();
            }
        }
    }

    private static int port(SplittableRandom r) {
        return r.nextInt(3) == 0 ? -1 : 1 + r.nextInt(65535);
    }

    private static String path(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            s.append('/').append(pick(r, ALNUM + "._-~", 1, 10));
        }
        return s.toString();
    }

    /** A random host with valid parts, as the record holds them. */
    private static DockerHost validHost(SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0: {
                // socket paths may hold almost anything; parse trims only the whole address
                String odd = pick(r, ALNUM + "._-/ %?#@:[]\u00e9\u6f22", 1, 20);
                return new DockerHost(Scheme.UNIX, "", -1, r.nextBoolean() ? path(r) : "/" + odd.trim() + "x", "", "");
            }
            case 1:
                return new DockerHost(Scheme.NPIPE, "", -1, "\\\\.\\pipe\\" + pick(r, ALNUM + "._- ", 1, 20).trim()
                        + "x", "", "");
            case 2:
                return new DockerHost(Scheme.TCP, hostName(r), port(r), "", r.nextBoolean() ? "" : path(r), "");
            default:
                return new DockerHost(Scheme.SSH, hostName(r), port(r), r.nextBoolean() ? "" : path(r), "",
                        r.nextBoolean() ? "" : pick(r, ALNUM + "._", 1, 1) + pick(r, ALNUM + "._-", 0, 11));
        }
    }

    /** Printable ASCII as it is, everything else as a Java escape: failure messages must survive XML reports. */
    static String show(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    /** Whether the text has no unpaired surrogate (edits may split a pair). */
    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** parse, which may only return a host or throw InvalidDockerHostException. */
    private static DockerHost parse(String address, long seed) {
        try {
            return DockerHost.parse(address);
        } catch (InvalidDockerHostException e) {
            assertNotNull(e.getMessage(), "seed " + seed);
            return null;
        } catch (Throwable e) {
            throw new AssertionError("seed " + seed + ": parse(\"" + show(address) + "\") may only throw "
                    + "InvalidDockerHostException, threw " + e, e);
        }
    }

    /** What every parsed host satisfies: complete, and printed as an address that parses back to itself. */
    private static void checkParsed(DockerHost h, String address, long seed) {
        String where = "seed " + seed + ", address \"" + show(address) + "\" gave " + h.scheme() + " host="
                + show(h.host()) + " port=" + h.port() + " path=" + show(h.path()) + " base=" + show(h.basePath())
                + " user=" + show(h.user());
        switch (h.scheme()) {
            case TCP:
            case SSH:
                assertFalse(h.host().isEmpty(), where);
                break;
            default:
                assertFalse(h.path().isEmpty(), where);
        }
        String printed = h.toString();
        DockerHost again;
        try {
            again = DockerHost.parse(printed);
        } catch (InvalidDockerHostException e) {
            throw new AssertionError(where + ": its toString() \"" + show(printed) + "\" does not parse: "
                    + show(e.getMessage()));
        }
        assertEquals(h, again, () -> where + ": its toString() \"" + show(printed) + "\" parses to another host: "
                + again.scheme() + " host=" + show(again.host()) + " port=" + again.port() + " path="
                + show(again.path()) + " base=" + show(again.basePath()) + " user=" + show(again.user()));
    }

    @Test
    void validHostsSurviveToStringAndParse() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0xD0C4L);
            for (int c = 0; c < 10_000 * FACTOR; c++) {
                long seed = seeds.nextLong();
                DockerHost h = validHost(new SplittableRandom(seed));
                String printed = h.toString();
                DockerHost parsed = parse(printed, seed);
                assertNotNull(parsed, () -> "seed " + seed + ": \"" + printed + "\" was refused");
                assertEquals(h, parsed, () -> "seed " + seed + ": \"" + printed + "\"");
                // surrounding blanks and an upper-case scheme change nothing
                assertEquals(h, parse("  " + Pattern.compile("^[a-z]+").matcher(printed)
                        .replaceFirst(m -> m.group().toUpperCase(Locale.ROOT)) + "\t", seed), () -> "seed " + seed);
            }
        });
    }

    @Test
    void randomStringsParseOrThrowInvalidDockerHostException() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x5791L);
            int parsed = 0;
            int cases = 20_000 * FACTOR;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                StringBuilder s = new StringBuilder();
                int n = r.nextInt(8);
                for (int i = 0; i < n; i++) {
                    s.append(r.nextInt(4) == 0 ? pick(r, ALNUM + "-._~:/@[]%?# ", 1, 4) : PIECES[r.nextInt(PIECES.length)]);
                }
                String address = s.toString();
                DockerHost h = parse(address, seed);
                if (h != null) {
                    parsed++;
                    checkParsed(h, address, seed);
                }
            }
            assertTrue(parsed > cases / 20, "some random strings should parse: " + parsed);
        });
    }

    @Test
    void mutatedValidAddressesParseOrThrowInvalidDockerHostException() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x3017L);
            int parsed = 0;
            int cases = 20_000 * FACTOR;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                StringBuilder s = new StringBuilder(validHost(r).toString());
                int edits = 1 + r.nextInt(3);
                for (int i = 0; i < edits; i++) {
                    int at = r.nextInt(s.length() + 1);
                    String piece = r.nextBoolean() ? PIECES[r.nextInt(PIECES.length)]
                            : pick(r, ALNUM + "-._~:/@[]%?# ", 1, 2);
                    switch (r.nextInt(3)) {
                        case 0:
                            s.insert(at, piece);
                            break;
                        case 1:
                            s.delete(at, Math.min(s.length(), at + 1 + r.nextInt(4)));
                            break;
                        default:
                            s.replace(at, Math.min(s.length(), at + 1), piece);
                    }
                }
                String address = s.toString();
                DockerHost h = parse(address, seed);
                if (h != null && wellFormed(address)) { // the round trip needs text that has a UTF-8 form
                    parsed++;
                    checkParsed(h, address, seed);
                }
            }
            assertTrue(parsed > cases / 10, "many mutations should still parse: " + parsed);
        });
    }

    @Test
    void aPasswordInAnSshAddressNeverShowsInTheMessage() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x9A55L);
            for (int c = 0; c < 5000 * FACTOR; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                String password = "Pw" + pick(r, ALNUM + "-._~!$&'()*+,;=", 6, 16);
                String address = "ssh://" + pick(r, ALNUM, 1, 8) + ":" + password + "@" + hostName(r)
                        + (r.nextBoolean() ? ":" + port(r) : "") + (r.nextBoolean() ? path(r) : "");
                try {
                    DockerHost.parse(address);
                    throw new AssertionError("seed " + seed + ": an ssh address with a password must be refused");
                } catch (InvalidDockerHostException e) {
                    assertFalse(e.getMessage().contains(password), () -> "seed " + seed + ": " + e.getMessage());
                }
            }
        });
    }
}
