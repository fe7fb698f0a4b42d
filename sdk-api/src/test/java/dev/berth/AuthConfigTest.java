package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthConfigTest {
    /** Its JSON encodes, in standard base64, to text with '+' and '/' and one '=' of padding. */
    private static final String PASSWORD = "s3cr?t>>~?";

    @Test
    void headerIsPaddedBase64UrlOfUserPasswordAndServer() {
        String header = AuthConfig.ofPassword("berth", PASSWORD, "127.0.0.1:5000").toHeader();
        // expected bytes computed independently (Python base64.urlsafe_b64encode of the compact JSON)
        assertEquals("eyJ1c2VybmFtZSI6ImJlcnRoIiwicGFzc3dvcmQiOiJzM2NyP3Q-Pn4_Iiwic2VydmVyYWRkcmVzcyI6IjEyNy4w"
                + "LjAuMTo1MDAwIn0=", header);
        assertFalse(header.contains("+") || header.contains("/"), header);
        assertEquals("{\"username\":\"berth\",\"password\":\"s3cr?t>>~?\",\"serveraddress\":\"127.0.0.1:5000\"}",
                new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8));
    }

    @Test
    void standardBase64WouldHaveDifferedForThisPassword() {
        String json = "{\"username\":\"berth\",\"password\":\"s3cr?t>>~?\",\"serveraddress\":\"127.0.0.1:5000\"}";
        String std = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertTrue(std.contains("+") && std.contains("/"), std);
        String header = AuthConfig.ofPassword("berth", PASSWORD, "127.0.0.1:5000").toHeader();
        assertEquals(std.replace('+', '-').replace('/', '_'), header);
    }

    @Test
    void identityTokenHeaderCarriesTokenAndServerOnly() {
        String header = new AuthConfig("ignored", "ignored-too", CredentialStore.DOCKER_HUB, "tok-123").toHeader();
        assertEquals("eyJpZGVudGl0eXRva2VuIjoidG9rLTEyMyIsInNlcnZlcmFkZHJlc3MiOiJodHRwczovL2luZGV4LmRvY2tlci5pby"
                + "92MS8ifQ==", header);
    }

    @Test
    void emptyFieldsAreLeftOut() {
        String header = new AuthConfig("berth", "", null, "").toHeader();
        assertEquals("{\"username\":\"berth\"}",
                new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8));
    }

    @Test
    void anonymousIsEmptyObject() {
        assertEquals("e30=", AuthConfig.anonymous().toHeader());
        assertTrue(AuthConfig.anonymous().isAnonymous());
        assertFalse(AuthConfig.ofIdentityToken("t").isAnonymous());
        assertEquals(AuthConfig.anonymous(), new AuthConfig(null, null, null, null), "null is read as empty");
    }

    @Test
    void toStringMasksPasswordAndToken() {
        String s = AuthConfig.ofPassword("berth", PASSWORD, "127.0.0.1:5000").toString();
        assertFalse(s.contains(PASSWORD), s);
        assertEquals("AuthConfig[username=berth, password=***, serverAddress=127.0.0.1:5000]", s);
        String t = new AuthConfig("berth", null, "reg.example.com", "tok-SECRET").toString();
        assertFalse(t.contains("tok-SECRET"), t);
        assertEquals("AuthConfig[username=berth, serverAddress=reg.example.com, identityToken=***]", t);
        assertEquals("AuthConfig[]", AuthConfig.anonymous().toString());
    }

    @Test
    void factoriesRejectMissingSecrets() {
        assertThrows(NullPointerException.class, () -> AuthConfig.ofPassword("u", null, "r"));
        assertThrows(IllegalArgumentException.class, () -> AuthConfig.ofIdentityToken("", "r"));
    }

    @Test
    void registryConfigIsBase64UrlOfMapInOrder() {
        Map<String, AuthConfig> auths = new LinkedHashMap<>();
        auths.put("127.0.0.1:5000", AuthConfig.ofPassword("berth", "s3cr?t>>~", "127.0.0.1:5000"));
        auths.put(CredentialStore.DOCKER_HUB, AuthConfig.ofIdentityToken("tok-123", CredentialStore.DOCKER_HUB));
        String header = AuthConfig.encodeRegistryConfig(auths);
        assertEquals("eyIxMjcuMC4wLjE6NTAwMCI6eyJ1c2VybmFtZSI6ImJlcnRoIiwicGFzc3dvcmQiOiJzM2NyP3Q-Pn4iLCJzZXJ2ZXJh"
                + "ZGRyZXNzIjoiMTI3LjAuMC4xOjUwMDAifSwiaHR0cHM6Ly9pbmRleC5kb2NrZXIuaW8vdjEvIjp7InNlcnZlcmFkZHJlc3Mi"
                + "OiJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iLCJpZGVudGl0eXRva2VuIjoidG9rLTEyMyJ9fQ==", header);
        assertEquals("e30=", AuthConfig.encodeRegistryConfig(Map.of()));
    }
}
