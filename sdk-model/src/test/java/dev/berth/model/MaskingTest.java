package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.internal.Masking;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every model value that carries an environment, labels, options or credentials prints them masked, the same way:
 * the records whose generated {@code toString()} printed everything, and the two specs that masked with two word
 * lists of their own.
 */
class MaskingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** Each secret value below; none may show in any toString(). */
    private static final List<String> SECRETS = List.of("hunter2", "pgpw", "s3cr3t", "tok-9", "passph", "cred-1",
            "nas-pw", "ca-key-pem", "urlpw");

    private static void assertMasked(Object value, String... shown) {
        String s = value.toString();
        for (String secret : SECRETS) {
            assertFalse(s.contains(secret), () -> secret + " leaked: " + s);
        }
        for (String expected : shown) {
            assertTrue(s.contains(expected), () -> "expected " + expected + " in " + s);
        }
    }

    // ---- the one word list ------------------------------------------------------------------------------------

    @Test
    void containerSpecAndServiceSpecMaskTheSameNames() {
        ContainerSpec.Builder c = ContainerSpec.builder("img");
        ServiceSpec.Builder s = ServiceSpec.builder("img");
        Map<String, String> env = Map.of("GPG_PASSPHRASE", "passph", "AWS_CREDENTIALS", "cred-1",
                "DATABASE_URL", "postgres://app:urlpw@db:5432/app", "MOUNT_OPTS", "addr=nas,password=nas-pw");
        env.forEach((k, v) -> {
            c.env(k, v);
            s.env(k, v);
        });
        for (Object spec : List.of(c.build(), s.build())) {
            assertMasked(spec, "GPG_PASSPHRASE=***", "AWS_CREDENTIALS=***",
                    "DATABASE_URL=postgres://app:***@db:5432/app", "MOUNT_OPTS=addr=nas,password=***");
        }
    }

    @Test
    void theRules() {
        assertEquals("PGPASSWORD=***", Masking.entry("PGPASSWORD=pgpw"));
        assertEquals("MODE=prod", Masking.entry("MODE=prod"));
        assertEquals("NOVALUE", Masking.entry("NOVALUE"));
        assertEquals("a=1,b=x=y", Masking.value("OPTS", "a=1,b=x=y"), "nothing to mask, nothing changes");
        assertEquals("-Ddb.password=***", Masking.value("JAVA_OPTS", "-Ddb.password=hunter2"));
        assertEquals("http://proxy:3128", Masking.value("HTTP_PROXY", "http://proxy:3128"));
        assertEquals("http://me:***@proxy:3128", Masking.value("HTTP_PROXY", "http://me:hunter2@proxy:3128"));
        assertEquals(Map.of("Name", "API_KEY", "Value", "***", "Settable", List.of("value")),
                Masking.tree("", Map.of("Name", "API_KEY", "Value", "tok-9", "Settable", List.of("value"))));
    }

    // ---- records whose generated toString() printed secrets ---------------------------------------------------

    @Test
    void containerDetailsMaskTheEnvironment() throws Exception {
        ContainerDetails d = MAPPER.readValue("{\"Id\":\"c1\",\"Config\":{\"Env\":[\"PATH=/bin\",\"PGPASSWORD=pgpw\","
                + "\"API_TOKEN=tok-9\"],\"Labels\":{\"db.password\":\"s3cr3t\",\"team\":\"core\"}}}",
                ContainerDetails.class);
        assertMasked(d, "env=[PATH=/bin, PGPASSWORD=***, API_TOKEN=***]", "labels={db.password=***, team=core}");
        assertMasked(d.config(), "Config[hostname=null");
        assertEquals("pgpw", d.config().env().get(1).substring("PGPASSWORD=".length()), "the getter is untouched");
    }

    @Test
    void imageDetailsMaskTheConfigEnvironment() throws Exception {
        ImageDetails d = MAPPER.readValue("{\"Id\":\"sha256:1\",\"Config\":{\"Env\":[\"PATH=/bin\","
                + "\"REGISTRY_PASSWORD=hunter2\"]},\"ContainerConfig\":{\"Env\":[\"X_SECRET=s3cr3t\"]}}",
                ImageDetails.class);
        assertMasked(d, "env=[PATH=/bin, REGISTRY_PASSWORD=***]", "Env=[X_SECRET=***]");
        assertMasked(d.config(), "Config[user=, env=[PATH=/bin, REGISTRY_PASSWORD=***]");
    }

    @Test
    void pluginDetailsMaskSettingsAndConfigEnvironment() throws Exception {
        PluginDetails p = MAPPER.readValue("{\"Id\":\"p1\",\"Name\":\"vieux/sshfs\",\"Settings\":{\"Env\":["
                + "\"DEBUG=0\",\"SSH_PASSWORD=hunter2\"],\"Args\":[]},\"Config\":{\"Env\":[{\"Name\":\"SSH_PASSWORD\","
                + "\"Description\":\"\",\"Settable\":[\"value\"],\"Value\":\"s3cr3t\"},{\"Name\":\"DEBUG\","
                + "\"Value\":\"0\"}]}}", PluginDetails.class);
        assertMasked(p, "env=[DEBUG=0, SSH_PASSWORD=***]", "name=SSH_PASSWORD", "value=***", "value=0");
    }

    @Test
    void taskAndServiceDetailsMaskTheContainerSpecEnvironment() throws Exception {
        String spec = "{\"Name\":\"web\",\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"img\",\"Env\":["
                + "\"MODE=prod\",\"DB_PASSWORD=hunter2\"]}}}";
        ServiceDetails s = MAPPER.readValue("{\"ID\":\"s1\",\"Spec\":" + spec + ",\"PreviousSpec\":"
                + spec.replace("hunter2", "s3cr3t") + "}", ServiceDetails.class);
        assertMasked(s, "env=[MODE=prod, DB_PASSWORD=***]");
        TaskDetails t = MAPPER.readValue("{\"ID\":\"t1\",\"Spec\":{\"ContainerSpec\":{\"Env\":[\"API_TOKEN=tok-9\"]}},"
                + "\"Labels\":{\"x.secret\":\"s3cr3t\"}}", TaskDetails.class);
        assertMasked(t, "env=[API_TOKEN=***]", "labels={x.secret=***}");
    }

    @Test
    void volumeDetailsMaskPasswordsInDriverOptions() throws Exception {
        VolumeDetails v = MAPPER.readValue("{\"Name\":\"share\",\"Driver\":\"local\",\"Options\":{\"type\":\"cifs\","
                + "\"device\":\"//nas/share\",\"o\":\"addr=nas,username=me,password=nas-pw\"}}", VolumeDetails.class);
        assertMasked(v, "o=addr=nas,username=me,password=***", "device=//nas/share");
    }

    @Test
    void swarmDetailsMaskTheSigningKey() throws Exception {
        SwarmDetails s = MAPPER.readValue("{\"ID\":\"w\",\"Spec\":{\"CAConfig\":{\"SigningCACert\":\"cert\","
                + "\"SigningCAKey\":\"ca-key-pem\"}},\"JoinTokens\":{\"Worker\":\"SWMTKN-1-a-tok-9\"}}",
                SwarmDetails.class);
        assertMasked(s, "signingCaKey=***", "signingCaCert=cert", "worker=SWMTKN-1-***");
    }

    @Test
    void volumeSpecMasksPasswordsInDriverOptionsAndSecretLabels() {
        VolumeSpec v = VolumeSpec.named("share").option("type", "cifs").option("o", "addr=nas,password=nas-pw")
                .label("api.token", "tok-9").label("team", "core");
        assertMasked(v, "o=addr=nas,password=***", "type=cifs", "api.token=***", "team=core");
    }

    @Test
    void networkSpecMasksLabelsAndOptions() {
        NetworkSpec n = NetworkSpec.builder("backend").label("vpn.psk_secret", "s3cr3t").label("team", "core")
                .option("com.example.token", "tok-9").build();
        assertMasked(n, "vpn.psk_secret=***", "team=core", "com.example.token=***");
    }

    @Test
    void eventAttributesAndSecretAndConfigLabelsAreMasked() throws Exception {
        Event e = MAPPER.readValue("{\"Type\":\"container\",\"Action\":\"start\",\"Actor\":{\"ID\":\"c1\","
                + "\"Attributes\":{\"name\":\"web\",\"api.token\":\"tok-9\"}}}", Event.class);
        assertMasked(e, "name=web", "api.token=***");
        SecretDetails s = MAPPER.readValue("{\"ID\":\"x\",\"Spec\":{\"Name\":\"pw\",\"Labels\":{\"root.password\":"
                + "\"hunter2\"},\"Data\":\"aHVudGVyMg==\"}}", SecretDetails.class);
        assertMasked(s, "root.password=***");
        ConfigDetails c = MAPPER.readValue("{\"ID\":\"x\",\"Spec\":{\"Name\":\"conf\",\"Labels\":{\"api_key\":"
                + "\"tok-9\"},\"Data\":\"aGk=\"}}", ConfigDetails.class);
        assertMasked(c, "api_key=***", "data=2 bytes");
    }
}
