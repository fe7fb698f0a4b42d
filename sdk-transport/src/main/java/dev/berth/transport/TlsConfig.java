package dev.berth.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * TLS material for a daemon on TCP: the CA that signed the daemon's certificate, and the client certificate and key
 * the daemon asks for with {@code --tlsverify}. PEM text, as {@code docker} keeps it in {@code ca.pem},
 * {@code cert.pem} and {@code key.pem}. Keys may be RSA (PKCS#1 or PKCS#8) or EC.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.fromDirectory(Path.of(System.getProperty("user.home"), ".docker"));
 * TlsConfig same = TlsConfig.ofPem(caPem, certPem, keyPem);
 * }</pre>
 *
 * <p>The daemon's certificate is always verified and its host name checked; without a CA the JDK's trust store is
 * used. Berth has no trust-all mode. {@link #toString()} never shows the key.
 */
public final class TlsConfig {
    /** Text that may be a piece of a PEM body, when it comes from the input: never quoted in a message. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=]{16,}");

    private final String caPem;
    private final String certPem;
    private final String keyPem;
    private final String origin;

    private TlsConfig(String caPem, String certPem, String keyPem, String origin) {
        this.caPem = blankToNull(caPem);
        this.certPem = blankToNull(certPem);
        this.keyPem = blankToNull(keyPem);
        this.origin = origin;
        if ((this.certPem == null) != (this.keyPem == null)) {
            throw new IllegalArgumentException("TLS client certificate and key go together: " + origin
                    + " has " + (this.certPem == null ? "a key but no certificate" : "a certificate but no key"));
        }
    }

    /**
     * TLS material from PEM text. Each part may be null: no CA means the JDK's trust store, no certificate and key
     * means no client authentication.
     */
    public static TlsConfig ofPem(String caPem, String certPem, String keyPem) {
        return new TlsConfig(caPem, certPem, keyPem, "PEM text");
    }

    /**
     * TLS material from files; a null path is skipped.
     *
     * @throws UncheckedIOException when a named file cannot be read
     */
    public static TlsConfig ofFiles(Path ca, Path cert, Path key) {
        return new TlsConfig(read(ca), read(cert), read(key),
                "files " + Arrays.asList(ca, cert, key));
    }

    /**
     * TLS material from a {@code DOCKER_CERT_PATH}-style folder holding {@code ca.pem}, {@code cert.pem} and
     * {@code key.pem}. Missing files are skipped, as the CLI does.
     */
    public static TlsConfig fromDirectory(Path dir) {
        return new TlsConfig(readIfExists(dir.resolve("ca.pem")), readIfExists(dir.resolve("cert.pem")),
                readIfExists(dir.resolve("key.pem")), dir.toString());
    }

    /** Whether a CA is given (otherwise the JDK's trust store verifies the daemon). */
    public boolean hasCa() {
        return caPem != null;
    }

    /** Whether a client certificate and key are given. */
    public boolean hasClientCertificate() {
        return certPem != null;
    }

    /**
     * Builds the SSL context and the trust manager OkHttp needs.
     *
     * @throws IllegalArgumentException when the PEM material cannot be used, naming which part
     */
    public Context toContext() {
        try {
            X509TrustManager trust = trustManager();
            SSLContext ssl = SSLContext.getInstance("TLS");
            KeyManagerFactory kmf = null;
            if (certPem != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                char[] pass = new char[0];
                List<X509Certificate> chain = certificates(certPem, "client certificate");
                ks.setKeyEntry("client", privateKey(keyPem), pass, chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pass);
            }
            ssl.init(kmf == null ? null : kmf.getKeyManagers(), new TrustManager[] {trust}, null);
            return new Context(ssl, trust);
        } catch (GeneralSecurityException | IOException e) {
            // parsers quote lines they choke on ("Illegal footer: ..."), which may be key text: never pass that on
            IllegalArgumentException failure = new IllegalArgumentException("unusable TLS material from " + origin
                    + ": " + scrub(String.valueOf(e.getMessage())));
            if (!quotesInput(e)) {
                failure.initCause(e);
            }
            throw failure;
        }
    }

    /** The text with every run of 16 or more base64 characters that comes from the PEM input replaced by ***. */
    private String scrub(String text) {
        String input = (nullToEmpty(caPem) + "\n" + nullToEmpty(certPem) + "\n" + nullToEmpty(keyPem))
                .replaceAll("\\s+", "");
        Matcher run = BASE64_RUN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (run.find()) {
            String r = run.group();
            boolean fromInput = false;
            for (int i = 0; i + 16 <= r.length() && !fromInput; i++) {
                fromInput = input.contains(r.substring(i, i + 16));
            }
            run.appendReplacement(out, fromInput ? "***" : Matcher.quoteReplacement(r));
        }
        return run.appendTail(out).toString();
    }

    /** Whether a message in the chain quotes the PEM input. */
    private boolean quotesInput(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (!scrub(m).equals(m)) {
                return true;
            }
        }
        return false;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** An SSL context plus the trust manager that verifies the daemon. */
    public record Context(SSLContext sslContext, X509TrustManager trustManager) {
    }

    private X509TrustManager trustManager() throws GeneralSecurityException, IOException {
        KeyStore trusted = null;
        if (caPem != null) {
            trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int i = 0;
            for (X509Certificate ca : certificates(caPem, "CA")) {
                trusted.setCertificateEntry("ca" + i++, ca);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager) {
                return (X509TrustManager) tm;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager in " + tmf.getAlgorithm());
    }

    private static List<X509Certificate> certificates(String pem, String what) throws GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Collection<? extends Certificate> all =
                cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (all.isEmpty()) {
            throw new GeneralSecurityException("no certificate in the " + what + " PEM");
        }
        return all.stream().map(X509Certificate.class::cast).toList();
    }

    private static PrivateKey privateKey(String pem) throws IOException, GeneralSecurityException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o.getClass().getSimpleName().contains("Encrypted")) {
                    throw new GeneralSecurityException("the client key is encrypted; give an unencrypted key");
                }
                // EC PARAMETERS blocks and the like come before the key: skip them.
            }
        }
        throw new GeneralSecurityException("no private key in the client key PEM");
    }

    private static String read(Path p) {
        if (p == null) {
            return null;
        }
        try {
            return Files.readString(p, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLS file " + p, e);
        }
    }

    private static String readIfExists(Path p) {
        return Files.isRegularFile(p) ? read(p) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Shows where the material came from and what it holds, never the key. */
    @Override
    public String toString() {
        return "TlsConfig{from=" + origin + ", ca=" + (caPem != null) + ", clientCert=" + (certPem != null) + "}";
    }
}
