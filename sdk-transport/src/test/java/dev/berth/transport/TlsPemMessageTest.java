package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECNamedCurveSpec;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key text in the CA or client certificate slot (a common mix-up) makes the JDK's certificate parser fail with
 * messages that quote it ({@code Illegal footer: -AEXYv8+Z5lVjn0z}); no piece of it, not even 4 characters, may
 * reach the message of what {@link TlsConfig#toContext()} throws, nor a cause's, nor its printed stack trace.
 *
 * <p>The key is made from a fixed number, so the check is the same on every run: a short window of a random key
 * could match a word of the message by chance.
 */
class TlsPemMessageTest {
    private static final int WINDOW = 4;
    private static String caPem;
    private static String certPem;
    /** The same key as openssl writes it (SEC1, {@code EC PRIVATE KEY}) and as PKCS#8 ({@code PRIVATE KEY}). */
    private static final List<String> KEYS = new ArrayList<>();
    private static final Set<String> SECRET = new LinkedHashSet<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void material() throws Exception {
        TlsPemPropertyTest.fastKeyStore();
        TestCertificates certs = new TestCertificates();
        caPem = TestCertificates.pem(certs.ca);
        certPem = TestCertificates.pem(certs.server("DNS:localhost").certificate());
        KeyPair key = fixedKey();
        KEYS.add(TestCertificates.sec1Pem(key));
        KEYS.add(TestCertificates.pem(new PemObject("PRIVATE KEY", key.getPrivate().getEncoded())));
        for (String pem : KEYS) {
            String body = body(pem);
            for (int i = 0; i + WINDOW <= body.length(); i++) {
                SECRET.add(body.substring(i, i + WINDOW));
            }
        }
    }

    @AfterAll
    static void restore() {
        TlsPemPropertyTest.restoreKeyStore();
    }

    /** A P-256 key pair whose private value is a hash of a fixed text. */
    private static KeyPair fixedKey() throws Exception {
        ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("secp256r1");
        BigInteger d = new BigInteger(1, MessageDigest.getInstance("SHA-256")
                .digest("berth TlsPemMessageTest".getBytes(StandardCharsets.US_ASCII))).mod(curve.getN());
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(d).normalize();
        ECNamedCurveSpec params = new ECNamedCurveSpec("secp256r1", curve.getCurve(), curve.getG(), curve.getN());
        KeyFactory kf = KeyFactory.getInstance("EC");
        return new KeyPair(kf.generatePublic(new ECPublicKeySpec(new ECPoint(q.getAffineXCoord().toBigInteger(),
                q.getAffineYCoord().toBigInteger()), params)), kf.generatePrivate(new ECPrivateKeySpec(d, params)));
    }

    private static String body(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----")).map(String::trim).collect(Collectors.joining());
    }

    /** The key, and the key with a dash put into a body line at several places: the JDK then quotes the rest. */
    private static List<String> keyTexts() {
        List<String> texts = new ArrayList<>();
        for (String key : KEYS) {
            texts.add(key);
            List<String> lines = key.lines().toList();
            for (int i = 1; i < lines.size() - 1; i++) {
                String line = lines.get(i);
                for (int at : new int[] {1, 10, line.length() - 15, line.length() - 8, line.length() - 4}) {
                    if (at > 0 && at < line.length()) {
                        List<String> broken = new ArrayList<>(lines);
                        broken.set(i, line.substring(0, at) + "-" + line.substring(at));
                        texts.add(String.join("\n", broken) + "\n");
                    }
                }
            }
        }
        return texts;
    }

    /** Every text the exception shows: messages and toString of the chain, and the stack trace but its frames. */
    private static String shown(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append('\n').append(t).append('\n');
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        // "\tat class.method(File.java:12)" lines hold code locations only, never input
        trace.toString().lines().filter(l -> !l.startsWith("\tat ") && !l.matches("\t\\.\\.\\. \\d+ more"))
                .forEach(l -> all.append(l).append('\n'));
        return all.toString();
    }

    /** The first window of the key that the text holds, or null. */
    private static String leak(String text) {
        for (int i = 0; i + WINDOW <= text.length(); i++) {
            if (SECRET.contains(text.substring(i, i + WINDOW))) {
                return text.substring(i, i + WINDOW);
            }
        }
        return null;
    }

    private static void assertNoKeyText(Throwable e, String where) {
        String text = shown(e);
        String leaked = leak(text);
        assertNull(leaked, () -> where + ": the exception quotes '" + leaked + "' of the key: " + text);
    }

    @Test
    void theJdkQuotesKeyTextThatBerthNeverShows() {
        int quoted = 0;
        for (String key : keyTexts()) {
            try {
                CertificateFactory.getInstance("X.509").generateCertificates(
                        new ByteArrayInputStream(key.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception e) {
                quoted += leak(shown(e)) != null ? 1 : 0;
            }
        }
        assertTrue(quoted > 10, "the inputs make the JDK quote the key (" + quoted + " did), or this tests nothing");
    }

    @Test
    void keyTextInTheCaSlot() {
        for (String key : keyTexts()) {
            assertNoKeyText(assertThrows(IllegalArgumentException.class,
                    () -> TlsConfig.ofPem(key, certPem, KEYS.get(0)).toContext()), "CA slot");
            assertNoKeyText(assertThrows(IllegalArgumentException.class,
                    () -> TlsConfig.ofPem(key, null, null).toContext()), "CA slot alone");
        }
    }

    @Test
    void keyTextInTheCertificateSlot() {
        for (String key : keyTexts()) {
            assertNoKeyText(assertThrows(IllegalArgumentException.class,
                    () -> TlsConfig.ofPem(caPem, key, KEYS.get(1)).toContext()), "certificate slot");
            // glued after a good certificate, as a cert.pem with the key appended
            assertNoKeyText(assertThrows(IllegalArgumentException.class,
                    () -> TlsConfig.ofPem(caPem, certPem + key, KEYS.get(1)).toContext()), "after a certificate");
        }
    }

    @Test
    void theMessageIsOursNamingThePartAndHasNoCause() {
        for (String key : keyTexts()) {
            IllegalArgumentException ca = assertThrows(IllegalArgumentException.class,
                    () -> TlsConfig.ofPem(key, null, null).toContext());
            assertTrue(ca.getMessage().matches("unusable TLS material from PEM text: the CA is not PEM certificate"
                    + " text \\((CertificateException|CertificateParsingException)\\)"), ca.getMessage());
            assertNull(ca.getCause(), "no cause: the parser's message is what quotes the input");
            IllegalArgumentException cert = assertThrows(IllegalArgumentException.class,
                    () -> TlsConfig.ofPem(caPem, key, KEYS.get(1)).toContext());
            assertTrue(cert.getMessage().startsWith("unusable TLS material from PEM text: the client certificate is"
                    + " not PEM certificate text ("), cert.getMessage());
            assertNull(cert.getCause());
        }
    }

    @Test
    void theMessageNamesThePartAndItsFile() throws Exception {
        String broken = keyTexts().get(3);
        Files.writeString(tmp.resolve("ca.pem"), broken);
        Files.writeString(tmp.resolve("cert.pem"), certPem);
        Files.writeString(tmp.resolve("key.pem"), KEYS.get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsConfig.fromDirectory(tmp).toContext());
        assertEquals("unusable TLS material from " + tmp + ": the CA " + tmp.resolve("ca.pem")
                + " is not PEM certificate text (CertificateException)", e.getMessage());
        // the folder's name is the caller's, not PEM input: leave it out of the search
        assertNull(leak(shown(e).replace(tmp.toString(), "")), e.getMessage());

        Files.writeString(tmp.resolve("ca.pem"), caPem);
        Files.writeString(tmp.resolve("key.pem"), caPem);
        e = assertThrows(IllegalArgumentException.class, () -> TlsConfig.fromDirectory(tmp).toContext());
        assertEquals("unusable TLS material from " + tmp + ": the client key " + tmp.resolve("key.pem")
                + " holds no private key", e.getMessage());
    }
}
