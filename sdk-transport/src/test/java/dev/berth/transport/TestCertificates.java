package dev.berth.transport;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes a CA and certificates signed by it, in memory, for TLS tests. */
final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(1);

    final KeyPair caKey;
    final X509Certificate ca;

    TestCertificates() throws Exception {
        caKey = ec();
        ca = sign("CN=berth test CA", caKey, caKey, ca(), null);
    }

    /** A server certificate for the given subject alternative names ("DNS:x" or "IP:1.2.3.4"). */
    Issued server(String... sans) throws Exception {
        KeyPair key = ec();
        return new Issued(key, sign("CN=server", key, caKey, null, sans));
    }

    /** An issued certificate and its key. */
    record Issued(KeyPair key, X509Certificate certificate) {
        SSLContext serverContext() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("k", key.getPrivate(), new char[0], new X509Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        }
    }

    static String pem(Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    /** An EC key as openssl writes it: {@code BEGIN EC PRIVATE KEY}, SEC1 with the curve and the public key. */
    static String sec1Pem(KeyPair key) throws Exception {
        java.security.interfaces.ECPrivateKey priv = (java.security.interfaces.ECPrivateKey) key.getPrivate();
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo pub =
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, priv.getS(),
                pub.getPublicKeyData(), pub.getAlgorithm().getParameters());
        return pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static BasicConstraints ca() {
        return new BasicConstraints(true);
    }

    private X509Certificate sign(String subject, KeyPair key, KeyPair issuerKey, BasicConstraints constraints,
                                 String[] sans) throws Exception {
        Instant now = Instant.now();
        X500Name issuer = new X500Name(ca == null ? subject : ca.getSubjectX500Principal().getName());
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(subject), key.getPublic());
        if (constraints != null) {
            b.addExtension(Extension.basicConstraints, true, constraints);
        }
        if (sans != null && sans.length > 0) {
            GeneralName[] names = new GeneralName[sans.length];
            for (int i = 0; i < sans.length; i++) {
                String[] kv = sans[i].split(":", 2);
                names[i] = new GeneralName(kv[0].equals("IP") ? GeneralName.iPAddress : GeneralName.dNSName, kv[1]);
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }
}
