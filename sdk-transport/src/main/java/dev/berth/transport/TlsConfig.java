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
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;

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
    /** The three PEM inputs, as messages name them. */
    private enum Part {
        CA("CA"), CERT("client certificate"), KEY("client key");

        final String label;

        Part(String label) {
            this.label = label;
        }
    }

    private final String caPem;
    private final String certPem;
    private final String keyPem;
    private final String origin;
    /** The file of each part, in {@link Part} order; null elements for PEM text. */
    private final Path[] files;

    private TlsConfig(String caPem, String certPem, String keyPem, String origin, Path... files) {
        this.caPem = blankToNull(caPem);
        this.certPem = blankToNull(certPem);
        this.keyPem = blankToNull(keyPem);
        this.origin = origin;
        this.files = files.length == 0 ? new Path[3] : files.clone();
        if ((this.certPem == null) != (this.keyPem == null)) {
            throw new IllegalArgumentException("TLS client certificate and key go together: " + origin
                    + " has " + (this.certPem == null ? "a key but no certificate" : "a certificate but no key"));
        }
    }

    /**
     * TLS material from PEM text. Each part may be null: no CA means the JDK's trust store, no certificate and key
     * means no client authentication.
     *
     * @param caPem the CA certificates that sign the daemon's certificate
     * @param certPem the client certificate
     * @param keyPem the client certificate's private key (PKCS#1, PKCS#8 or SEC1)
     * @return the TLS material; nothing is parsed until {@link #toContext()}
     * @throws IllegalArgumentException when only one of the certificate and key is given
     */
    public static TlsConfig ofPem(@Nullable String caPem, @Nullable String certPem, @Nullable String keyPem) {
        return new TlsConfig(caPem, certPem, keyPem, "PEM text");
    }

    /**
     * TLS material from files; a null path is skipped.
     *
     * @param ca the CA certificate file
     * @param cert the client certificate file
     * @param key the client key file
     * @return the TLS material; nothing is parsed until {@link #toContext()}
     * @throws UncheckedIOException when a named file cannot be read
     * @throws IllegalArgumentException when only one of the certificate and key is given
     */
    public static TlsConfig ofFiles(@Nullable Path ca, @Nullable Path cert, @Nullable Path key) {
        return new TlsConfig(read(ca), read(cert), read(key),
                "files " + Arrays.asList(ca, cert, key), ca, cert, key);
    }

    /**
     * TLS material from a {@code DOCKER_CERT_PATH}-style folder holding {@code ca.pem}, {@code cert.pem} and
     * {@code key.pem}. Missing files are skipped, as the CLI does.
     *
     * @param dir the folder, such as {@code DOCKER_CERT_PATH} or {@code ~/.docker}
     * @return the TLS material of the files found
     * @throws UncheckedIOException when a file exists but cannot be read
     * @throws IllegalArgumentException when only one of {@code cert.pem} and {@code key.pem} is there
     */
    public static TlsConfig fromDirectory(Path dir) {
        Path ca = dir.resolve("ca.pem");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        return new TlsConfig(readIfExists(ca), readIfExists(cert), readIfExists(key), dir.toString(), ca, cert, key);
    }

    /**
     * Whether a CA is given (otherwise the JDK's trust store verifies the daemon).
     *
     * @return true when a CA is given
     */
    public boolean hasCa() {
        return caPem != null;
    }

    /**
     * Whether a client certificate and key are given.
     *
     * @return true when the client authenticates with a certificate
     */
    public boolean hasClientCertificate() {
        return certPem != null;
    }

    /**
     * Builds the SSL context and the trust manager OkHttp needs.
     *
     * @return the SSL context and the trust manager that checks the daemon's certificate
     * @throws IllegalArgumentException when the PEM material cannot be used, naming the part (CA, client certificate
     *         or key), its file and what is wrong. The message never quotes the PEM text, and the exception has no
     *         cause: the JDK's and Bouncy Castle's messages quote the lines they choke on, which may be key text.
     */
    public Context toContext() {
        X509TrustManager trust = trustManager();
        KeyManager[] keys = certPem == null ? null : keyManagers();
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys, new TrustManager[] {trust}, null);
            return new Context(ssl, trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable TLS material from " + origin + ": no TLS context ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The failure of one part, in words of our own. Only fixed text, the part's file name and the class of what the
     * parser threw go in: any text the parser wrote may quote the input.
     */
    private IllegalArgumentException unusable(Part part, String problem, Throwable e) {
        Path file = files[part.ordinal()];
        return new IllegalArgumentException("unusable TLS material from " + origin + ": the " + part.label
                + (file == null ? "" : " " + file) + " " + problem
                + (e == null ? "" : " (" + e.getClass().getSimpleName() + ")"));
    }

    /** An SSL context plus the trust manager that verifies the daemon. */
    public record Context(SSLContext sslContext, X509TrustManager trustManager) {
    }

    private X509TrustManager trustManager() {
        try {
            KeyStore trusted = null;
            if (caPem != null) {
                List<X509Certificate> cas = certificates(caPem, Part.CA);
                trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                int i = 0;
                for (X509Certificate ca : cas) {
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
            throw unusable(Part.CA, "gives no X.509 trust manager", null);
        } catch (GeneralSecurityException | IOException e) {
            throw unusable(Part.CA, "cannot be trusted", e);
        }
    }

    private KeyManager[] keyManagers() {
        List<X509Certificate> chain = certificates(certPem, Part.CERT);
        PrivateKey key = privateKey(keyPem);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pass = new char[0];
            ks.setKeyEntry("client", key, pass, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw unusable(Part.KEY, "does not go with the client certificate", e);
        }
    }

    private List<X509Certificate> certificates(String pem, Part part) {
        Collection<? extends Certificate> all;
        try {
            all = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw unusable(part, "is not PEM certificate text", e);
        }
        if (all.isEmpty()) {
            throw unusable(part, "holds no certificate", null);
        }
        return all.stream().map(X509Certificate.class::cast).toList();
    }

    private PrivateKey privateKey(String pem) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        boolean encrypted = false;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o.getClass().getSimpleName().contains("Encrypted")) {
                    encrypted = true;
                    break;
                }
                // EC PARAMETERS blocks and the like come before the key: skip them.
            }
        } catch (IOException | RuntimeException e) {
            throw unusable(Part.KEY, "is not a PEM private key", e);
        }
        throw unusable(Part.KEY, encrypted ? "is encrypted; give an unencrypted key" : "holds no private key", null);
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
