package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values of the API module that carry secrets print them masked, as the model's specs do. */
class MaskedToStringTest {

    @Test
    void execOptionsMaskTheEnvironmentAsContainerSpecDoes() {
        ExecOptions o = ExecOptions.of("psql", "-h", "db").withEnv("PGPASSWORD=hunter2", "MODE=prod",
                "API_TOKEN=tok-9", "DATABASE_URL=postgres://app:urlpw@db/app").withUser("app");
        String s = o.toString();
        for (String secret : List.of("hunter2", "tok-9", "urlpw")) {
            assertFalse(s.contains(secret), () -> secret + " leaked: " + s);
        }
        assertEquals("ExecOptions[cmd=[psql, -h, db], env=[PGPASSWORD=***, MODE=prod, API_TOKEN=***, "
                + "DATABASE_URL=postgres://app:***@db/app], user=app]", s);
        assertEquals("PGPASSWORD=hunter2", o.env().get(0), "the accessor is untouched");
    }

    @Test
    void buildSpecShowsBuildArgNamesOnly() {
        String s = BuildSpec.fromDirectory(Path.of("app")).tag("app:1").buildArg("NPM_TOKEN", "tok-9")
                .buildArg("VERSION", "1.0").build().toString();
        assertFalse(s.contains("tok-9"), s);
        assertFalse(s.contains("1.0"), s);
        assertTrue(s.contains("NPM_TOKEN") && s.contains("VERSION"), s);
    }
}
