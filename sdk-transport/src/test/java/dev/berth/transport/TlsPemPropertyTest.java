package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property test of {@link TlsConfig#ofPem} and {@link TlsConfig#toContext()} on random mutations of valid PEM
 * material: the only exception is {@link IllegalArgumentException}, and no exception message (nor a cause's, nor
 * {@code toString()}) ever quotes the private key: neither its base64 body nor its DER bytes in hex.
 *
 * <p>Fixed seeds; {@code -Dberth.fuzz.iterations=N} multiplies the case count for a longer run.
 */
class TlsPemPropertyTest {
    private static final int FACTOR = Math.max(1, Integer.getInteger("berth.fuzz.iterations", 1));
    private static final Duration LIMIT = Duration.ofSeconds(90L * FACTOR);
    /** The length of the key text windows searched for in messages. */
    private static final int WINDOW = 20;
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    private static final String ODD = "-=\u00e9\u0000 .*!\t:";
    private static final String[] LABELS = {"CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY", "EC PARAMETERS", "PUBLIC KEY", "RSA PUBLIC KEY", "X509 CRL", "PKCS7", "CMS",
        "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST", "ATTRIBUTE CERTIFICATE", "DSA PRIVATE KEY", "TRUSTED CERTIFICATE",
        "X509 CERTIFICATE", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "", "FOO", "PRIVATE  KEY", "private key"};

    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=]{" + WINDOW + ",}");
    private static final Pattern HEX_RUN = Pattern.compile("[0-9a-f]{" + WINDOW + ",}");
    private static final String PBE_ITERATIONS = "keystore.pkcs12.keyPbeIterationCount";
    private static String caPem;
    private static String certPem;
    /** Valid client keys: EC as openssl writes it (SEC1), EC PKCS#8, RSA PKCS#1, RSA PKCS#8. */
    private static final List<String> KEYS = new ArrayList<>();
    /** Windows of the keys' base64 bodies and DER hex that occur in no public material. */
    private static final Set<String> SECRET_BASE64 = new HashSet<>();
    private static final Set<String> SECRET_HEX = new HashSet<>();

    private static String savedIterations;

    /**
     * toContext puts the client key into an in-memory PKCS#12 store, which encrypts it with 10,000 PBKDF2 rounds
     * (about 17 ms a call); one round makes the thousands of cases here affordable and changes nothing else.
     */
    static void fastKeyStore() {
        savedIterations = System.getProperty(PBE_ITERATIONS);
        System.setProperty(PBE_ITERATIONS, "1");
    }

    @AfterAll
    static void restoreKeyStore() {
        if (savedIterations == null) {
            System.clearProperty(PBE_ITERATIONS);
        } else {
            System.setProperty(PBE_ITERATIONS, savedIterations);
        }
    }

    @BeforeAll
    static void material() throws Exception {
        fastKeyStore();
        TestCertificates certs = new TestCertificates();
        TestCertificates.Issued client = certs.server("DNS:localhost");
        caPem = TestCertificates.pem(certs.ca);
        certPem = TestCertificates.pem(client.certificate());
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaKey = rsa.generateKeyPair();
        KeyPair ecKey = client.key();
        KEYS.add(TestCertificates.sec1Pem(ecKey));
        KEYS.add(TestCertificates.pem(new PemObject("PRIVATE KEY", ecKey.getPrivate().getEncoded())));
        KEYS.add(TestCertificates.pem(rsaKey)); // a KeyPair is written as RSA PRIVATE KEY (PKCS#1)
        KEYS.add(TestCertificates.pem(new PemObject("PRIVATE KEY", rsaKey.getPrivate().getEncoded())));

        String publicText = body(caPem) + body(certPem) + base64(ecKey.getPublic().getEncoded())
                + base64(rsaKey.getPublic().getEncoded());
        String publicHex = hex(Base64.getDecoder().decode(body(caPem))) + hex(Base64.getDecoder().decode(body(certPem)))
                + hex(ecKey.getPublic().getEncoded()) + hex(rsaKey.getPublic().getEncoded());
        for (String key : KEYS) {
            String b = body(key);
            String h = hex(Base64.getDecoder().decode(b));
            for (int i = 0; i + WINDOW <= b.length(); i++) {
                String w = b.substring(i, i + WINDOW);
                if (!publicText.contains(w)) {
                    SECRET_BASE64.add(w);
                }
            }
            for (int i = 0; i + WINDOW <= h.length(); i += 2) {
                String w = h.substring(i, i + WINDOW);
                if (!publicHex.contains(w)) {
                    SECRET_HEX.add(w);
                }
            }
        }
        assertTrue(SECRET_BASE64.size() > 1000 && SECRET_HEX.size() > 1000, "enough secret text to look for");
        // every valid combination works: the mutations below start from material that is good
        for (String key : KEYS) {
            assertNotNull(TlsConfig.ofPem(caPem, certPem, key).toContext());
        }
        assertNotNull(TlsConfig.ofPem(caPem, null, null).toContext());
        assertNotNull(TlsConfig.ofPem(null, certPem, KEYS.get(0)).toContext());
        // and the leak detector finds a leak
        assertTrue(leak(new IllegalArgumentException("bad key " + body(KEYS.get(2)).substring(600, 640))) != null);
        assertTrue(leak(new IllegalArgumentException("x", new RuntimeException(
                "bytes " + hex(Base64.getDecoder().decode(body(KEYS.get(0)))).substring(40, 80).toUpperCase()))) != null);
    }

    private static String body(String pem) {
        StringBuilder b = new StringBuilder();
        for (String line : pem.split("\r?\n")) {
            if (!line.startsWith("-----") && !line.isBlank()) {
                b.append(line.trim());
            }
        }
        return b.toString();
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    private static String hex(byte[] der) {
        return HexFormat.of().formatHex(der);
    }

    private static String pemOf(String label, byte[] der, SplittableRandom r) {
        StringBuilder s = new StringBuilder("-----BEGIN " + label + "-----\n");
        String b = base64(der);
        int width = r.nextInt(4) == 0 ? 1 + r.nextInt(100) : 64;
        for (int i = 0; i < b.length(); i += width) {
            s.append(b, i, Math.min(b.length(), i + width)).append('\n');
        }
        return s.append("-----END ").append(label).append("-----\n").toString();
    }

    /** The first text of the exception chain that quotes the key, or null. */
    private static String leak(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String text : new String[] {t.getMessage(), t.toString()}) {
                if (text == null) {
                    continue;
                }
                // only runs of base64 (or hex) characters can hold a window of the key
                Matcher b64 = BASE64_RUN.matcher(text.replaceAll("\\s", ""));
                while (b64.find()) {
                    for (int i = b64.start(); i + WINDOW <= b64.end(); i++) {
                        if (SECRET_BASE64.contains(b64.group().substring(i - b64.start(), i - b64.start() + WINDOW))) {
                            return text;
                        }
                    }
                }
                Matcher hex = HEX_RUN.matcher(text.replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT));
                while (hex.find()) {
                    for (int i = 0; i + WINDOW <= hex.group().length(); i++) {
                        if (SECRET_HEX.contains(hex.group().substring(i, i + WINDOW))) {
                            return text;
                        }
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    // ---- mutations ---------------------------------------------------------------------------------------------

    private static String mutate(String pem, SplittableRandom r) {
        StringBuilder s = new StringBuilder(pem);
        switch (r.nextInt(14)) {
            case 0: { // replace characters of the body
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n && s.length() > 0; i++) {
                    int at = 30 + r.nextInt(Math.max(1, s.length() - 60));
                    if (at < s.length()) {
                        s.setCharAt(at, r.nextInt(5) == 0 ? ODD.charAt(r.nextInt(ODD.length()))
                                : BASE64.charAt(r.nextInt(BASE64.length())));
                    }
                }
                return s.toString();
            }
            case 1: { // delete a range
                int at = r.nextInt(s.length() + 1);
                return s.delete(at, Math.min(s.length(), at + 1 + r.nextInt(40))).toString();
            }
            case 2: { // insert junk
                String[] junk = {"=", "==", "-----", "\n", "\r\n", "A", "\u00e9", "\u0000", "-----END PRIVATE KEY-----\n",
                    "-----BEGIN CERTIFICATE-----\n", "Proc-Type: 4,ENCRYPTED\n", ":", "    ", "MII"};
                return s.insert(r.nextInt(s.length() + 1), junk[r.nextInt(junk.length)]).toString();
            }
            case 3: // cut short
                return s.substring(0, r.nextInt(s.length() + 1));
            case 4: { // drop, repeat or swap lines
                List<String> lines = new ArrayList<>(Arrays.asList(pem.split("\n", -1)));
                int i = r.nextInt(lines.size());
                int j = r.nextInt(lines.size());
                switch (r.nextInt(3)) {
                    case 0:
                        lines.remove(i);
                        break;
                    case 1:
                        lines.add(j, lines.get(i));
                        break;
                    default:
                        String t = lines.get(i);
                        lines.set(i, lines.get(j));
                        lines.set(j, t);
                }
                return String.join("\n", lines);
            }
            case 5: { // another label, on both lines or one
                String label = LABELS[r.nextInt(LABELS.length)];
                String out = pem.replaceFirst("BEGIN [A-Z ]*-----", "BEGIN " + label + "-----");
                return r.nextBoolean() ? out.replaceFirst("END [A-Z ]*-----", "END " + label + "-----") : out;
            }
            case 6: { // encryption or other headers
                String[] headers = {"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n",
                    "Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,0011223344556677\n\n",
                    "Proc-Type: 4,ENCRYPTED\nDEK-Info: NOPE,zz\n\n", "Comment: hello\n\n", "Proc-Type: 4,ENCRYPTED\n\n",
                    "DEK-Info: AES-256-CBC\n"};
                int eol = pem.indexOf('\n');
                return eol < 0 ? pem : pem.substring(0, eol + 1) + headers[r.nextInt(headers.length)]
                        + pem.substring(eol + 1);
            }
            case 7:
            case 8:
            case 9: { // mutate the DER inside and wrap it again
                String b = body(pem);
                byte[] der;
                try {
                    der = Base64.getDecoder().decode(b);
                } catch (IllegalArgumentException e) {
                    return pem;
                }
                der = mutateDer(der, r);
                String label = r.nextInt(4) == 0 ? LABELS[r.nextInt(LABELS.length)] : labelOf(pem);
                return pemOf(label, der, r);
            }
            case 10: // line ends and blanks
                return (r.nextBoolean() ? "\n  \n" : "") + pem.replace("\n", r.nextBoolean() ? "\r\n" : "\n\n")
                        + (r.nextBoolean() ? " \t\n" : "");
            case 11: { // glued to other PEM
                String other = r.nextBoolean() ? certPem : KEYS.get(r.nextInt(KEYS.size()));
                return r.nextBoolean() ? pem + other : other + pem;
            }
            case 12: { // random text
                StringBuilder t = new StringBuilder();
                int n = r.nextInt(200);
                for (int i = 0; i < n; i++) {
                    t.append(BASE64.charAt(r.nextInt(BASE64.length())));
                }
                return r.nextBoolean() ? t.toString()
                        : "-----BEGIN " + LABELS[r.nextInt(LABELS.length)] + "-----\n" + t + "\n-----END "
                                + LABELS[r.nextInt(LABELS.length)] + "-----\n";
            }
            default: // empty, or a well-formed header around nothing
                return r.nextBoolean() ? "" : "-----BEGIN " + labelOf(pem) + "-----\n-----END " + labelOf(pem) + "-----\n";
        }
    }

    private static String labelOf(String pem) {
        int begin = pem.indexOf("BEGIN ");
        int end = begin < 0 ? -1 : pem.indexOf("-----", begin);
        return end < 0 ? "PRIVATE KEY" : pem.substring(begin + 6, end);
    }

    private static byte[] mutateDer(byte[] der, SplittableRandom r) {
        byte[] out = der.clone();
        switch (r.nextInt(6)) {
            case 0: { // flip bytes, often those of tags and lengths near the start
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n && out.length > 0; i++) {
                    int at = r.nextBoolean() ? r.nextInt(Math.min(out.length, 40)) : r.nextInt(out.length);
                    out[at] = (byte) (r.nextBoolean() ? r.nextInt(256) : out[at] ^ (1 << r.nextInt(8)));
                }
                return out;
            }
            case 1: // truncated
                return Arrays.copyOf(out, r.nextInt(out.length + 1));
            case 2: { // extended with junk
                byte[] more = Arrays.copyOf(out, out.length + 1 + r.nextInt(40));
                for (int i = out.length; i < more.length; i++) {
                    more[i] = (byte) r.nextInt(256);
                }
                return more;
            }
            case 3: { // a length byte made huge (long-form lengths)
                if (out.length > 4) {
                    int at = 1 + r.nextInt(Math.min(out.length - 1, 30));
                    out[at] = (byte) (0x80 | (1 + r.nextInt(8)));
                }
                return out;
            }
            case 4: { // a slice: an inner element on its own
                int from = r.nextInt(out.length + 1);
                return Arrays.copyOfRange(out, from, from + r.nextInt(out.length - from + 1));
            }
            default: { // random bytes under a SEQUENCE tag
                byte[] b = new byte[2 + r.nextInt(120)];
                r.nextBytes(b);
                b[0] = 0x30;
                b[1] = (byte) (b.length - 2);
                return b;
            }
        }
    }

    // ---- the property --------------------------------------------------------------------------------------

    @Test
    void mutatedPemGivesOnlyIllegalArgumentExceptionAndNeverQuotesTheKey() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x71_5FE3L);
            int cases = 2000 * FACTOR;
            int refused = 0;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                String[] parts = {caPem, certPem, KEYS.get(r.nextInt(KEYS.size()))};
                int slot = r.nextInt(5) == 0 ? r.nextInt(3) : 2; // the key, mostly
                int rounds = 1 + r.nextInt(3);
                for (int i = 0; i < rounds; i++) {
                    parts[slot] = mutate(parts[slot], r);
                }
                if (r.nextInt(10) == 0) { // parts in the wrong places, or missing
                    int a = r.nextInt(3);
                    int b = r.nextInt(3);
                    String t = parts[a];
                    parts[a] = parts[b];
                    parts[b] = r.nextInt(4) == 0 ? null : t;
                }
                TlsConfig tls = null;
                try {
                    tls = TlsConfig.ofPem(parts[0], parts[1], parts[2]);
                    tls.toContext();
                } catch (IllegalArgumentException e) {
                    refused++;
                    String leaked = leak(e);
                    if (leaked != null) {
                        fail("seed " + seed + ": an exception quotes the private key: " + DockerHostPropertyTest.show(
                                leaked.length() > 300 ? leaked.substring(0, 300) + "..." : leaked));
                    }
                } catch (Throwable e) {
                    throw new AssertionError("seed " + seed + ": only IllegalArgumentException may escape, got " + e
                            + " for " + DockerHostPropertyTest.show(String.valueOf(parts[slot])), e);
                }
                if (tls != null) {
                    assertTrue(leak(new Exception(tls.toString())) == null, "toString never shows the key");
                }
            }
            assertTrue(refused > cases / 3, "most mutations should be refused: " + refused + " of " + cases);
        });
    }
}
