package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.TlsHandshakeException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS against a mock daemon with certificates made here: the CA is trusted, the host name is checked. */
class TlsTest {
    private static TestCertificates certs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates();
    }

    private static Transport client(MockWebServer server, TlsConfig tls) {
        DockerHost host = DockerHost.tcp("127.0.0.1", server.getPort());
        return new Transport(new Endpoint(host, tls, ApiVersion.of(1, 41), "test", List.of()), Timeouts.DEFAULT);
    }

    private static MockWebServer httpsServer(TestCertificates.Issued cert) throws Exception {
        MockWebServer server = new MockWebServer();
        server.useHttps(cert.serverContext().getSocketFactory());
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        return server;
    }

    @Test
    void trustsTheGivenCaAndChecksTheHostName() throws Exception {
        try (MockWebServer server = httpsServer(certs.server("IP:127.0.0.1", "DNS:localhost"));
             Transport t = client(server, TlsConfig.ofPem(TestCertificates.pem(certs.ca), null, null))) {
            server.enqueue(MockDaemon.json(200, "{\"ok\":true}"));
            assertEquals(Map.of("ok", true), t.json(ApiRequest.get("/info").build(), Map.class));
            String protocol = server.takeRequest().getHandshake().tlsVersion().javaName();
            assertTrue(protocol.equals("TLSv1.3") || protocol.equals("TLSv1.2"), protocol);
        }
    }

    @Test
    void certificateForAnotherHostIsRefused() throws Exception {
        try (MockWebServer server = httpsServer(certs.server("DNS:somewhere-else.example"));
             Transport t = client(server, TlsConfig.ofPem(TestCertificates.pem(certs.ca), null, null))) {
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class,
                    () -> t.send(ApiRequest.get("/info").build()));
            assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
            assertEquals("tcp://127.0.0.1:" + server.getPort(), e.endpoint());
        }
    }

    @Test
    void untrustedCaIsRefused() throws Exception {
        TestCertificates other = new TestCertificates();
        try (MockWebServer server = httpsServer(certs.server("IP:127.0.0.1"));
             Transport t = client(server, TlsConfig.ofPem(TestCertificates.pem(other.ca), null, null))) {
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class,
                    () -> t.send(ApiRequest.get("/info").build()));
            assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
        }
    }

    @Test
    void clientKeyFormatsParse() throws Exception {
        TestCertificates.Issued client = certs.server("DNS:client");
        String cert = TestCertificates.pem(client.certificate());
        String pkcs8 = TestCertificates.pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                client.key().getPrivate(), null));
        String ecTraditional = TestCertificates.sec1Pem(client.key());
        for (String key : new String[] {pkcs8, ecTraditional}) {
            TlsConfig tls = TlsConfig.ofPem(TestCertificates.pem(certs.ca), cert, key);
            tls.toContext();
            assertFalse(tls.toString().contains("PRIVATE"), tls.toString());
        }
    }

    @Test
    void certificateWithoutKeyIsAClearError() throws Exception {
        String cert = TestCertificates.pem(certs.ca);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsConfig.ofPem(null, cert, null));
        assertTrue(e.getMessage().contains("certificate but no key"), e.getMessage());
    }

    @Test
    void garbageKeyIsAClearError() throws Exception {
        String cert = TestCertificates.pem(certs.ca);
        TlsConfig tls = TlsConfig.ofPem(null, cert, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, tls::toContext);
        assertTrue(e.getMessage().contains("unusable TLS material"), e.getMessage());
        assertFalse(e.getMessage().contains("AAAA"), "key material never shows: " + e.getMessage());
    }
}
