package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The option values of the container calls: immutable, equal by value, printed by what is set, checked early. */
class ContainerOptionsTest {

    @Test
    void removeOptions() {
        assertEquals("RemoveOptions[]", RemoveOptions.defaults().toString());
        assertEquals("RemoveOptions[force, volumes]", RemoveOptions.force().withVolumes().toString());
        assertEquals("RemoveOptions[link]", RemoveOptions.defaults().withLink().toString());
        assertEquals(RemoveOptions.force(), RemoveOptions.defaults().withForce());
        assertEquals(RemoveOptions.force().withVolumes().hashCode(),
                RemoveOptions.defaults().withVolumes().withForce().hashCode());
        RemoveOptions base = RemoveOptions.defaults();
        base.withForce();
        assertEquals(RemoveOptions.defaults(), base, "withers return new values");
    }

    @Test
    void stopOptions() {
        StopOptions d = StopOptions.defaults();
        assertEquals(Optional.empty(), d.timeout());
        assertEquals(Optional.empty(), d.signal());
        StopOptions o = d.withTimeout(Duration.ofSeconds(30)).withSignal("SIGINT");
        assertEquals(Optional.of(Duration.ofSeconds(30)), o.timeout());
        assertEquals(Optional.of("SIGINT"), o.signal());
        assertEquals("StopOptions[timeout=PT30S, signal=SIGINT]", o.toString());
        assertEquals("StopOptions[]", d.toString());
        assertEquals(o, d.withSignal("SIGINT").withTimeout(Duration.ofSeconds(30)));
        assertEquals(0L, d.withTimeout(Duration.ZERO).timeoutSeconds());
        assertEquals(1L, d.withTimeout(Duration.ofNanos(1)).timeoutSeconds());
        assertEquals(null, d.timeoutSeconds());

        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> d.withTimeout(Duration.ofSeconds(-1)));
        assertTrue(negative.getMessage().contains("timeout"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withSignal(""));
        assertThrows(NullPointerException.class, () -> d.withTimeout(null));
    }

    @Test
    void copyOptions() {
        assertEquals("CopyOptions[]", CopyOptions.defaults().toString());
        CopyOptions both = CopyOptions.defaults().withCopyUidGid().withOverwriteDirNonDir();
        assertEquals("CopyOptions[overwriteDirNonDir, copyUidGid]", both.toString());
        assertEquals(both, CopyOptions.defaults().withOverwriteDirNonDir().withCopyUidGid());
        assertNotEquals(both, CopyOptions.defaults());
    }

    @Test
    void execOptionsLeaveUnsetWhatIsTheContainers() {
        ExecOptions o = ExecOptions.of("ls", "/");
        assertEquals(List.of("ls", "/"), o.cmd());
        assertEquals(Optional.empty(), o.user());
        assertEquals(Optional.empty(), o.workingDir());
        assertFalse(o.stdin() || o.tty() || o.privileged());
        assertEquals("ExecOptions[cmd=[ls, /]]", o.toString());

        ExecOptions all = o.withStdin().withTty().withEnv("A=1").withEnv("B=2").withUser("nobody")
                .withWorkingDir("/tmp").withPrivileged();
        assertEquals(List.of("A=1", "B=2"), all.env());
        assertEquals(Optional.of("nobody"), all.user());
        assertEquals(Optional.of("/tmp"), all.workingDir());
        assertEquals("ExecOptions[cmd=[ls, /], env=[A=1, B=2], user=nobody, workingDir=/tmp, stdin, tty, privileged]",
                all.toString());
        assertEquals(all, ExecOptions.of("ls", "/").withPrivileged().withWorkingDir("/tmp").withUser("nobody")
                .withEnv("A=1", "B=2").withTty().withStdin());
        assertEquals(ExecOptions.of("ls", "/"), o, "withers return new values");

        assertThrows(IllegalArgumentException.class, ExecOptions::of);
        assertThrows(IllegalArgumentException.class, () -> o.withUser(""));
        assertThrows(IllegalArgumentException.class, () -> o.withWorkingDir(""));
        assertThrows(NullPointerException.class, () -> o.withUser(null));
        assertThrows(NullPointerException.class, () -> ExecOptions.of("ls", null));
        assertThrows(UnsupportedOperationException.class, () -> all.env().add("C=3"));
    }

    @Test
    void containerQueryReadersAndWithersHaveDistinctNames() {
        ContainerQuery q = ContainerQuery.running();
        assertFalse(q.includeStopped());
        assertFalse(q.size());
        assertEquals(0, q.limit());
        assertTrue(q.filters().isEmpty());
        assertEquals("ContainerQuery[running]", q.toString());

        ContainerQuery n = ContainerQuery.all().withSize().withLimit(5).label("app=web")
                .status(ContainerState.EXITED, ContainerState.DEAD).name("web").ancestor("busybox")
                .filter("exited", "0", "1");
        assertTrue(n.includeStopped());
        assertTrue(n.size());
        assertEquals(5, n.limit());
        assertEquals(List.of("exited", "dead"), n.filters().values("status"));
        assertEquals(List.of("0", "1"), n.filters().values("exited"));
        assertEquals("ContainerQuery[all, size, limit=5, Filters[label=app=web, status=exited|dead, name=web, "
                + "ancestor=busybox, exited=0|1]]", n.toString());
        assertEquals(Filters.of("id", "x"), n.withFilters(Filters.of("id", "x")).filters());
        assertEquals(ContainerQuery.all().latest(), ContainerQuery.running().latest());
        assertEquals(1, ContainerQuery.running().latest().limit());
        assertEquals(ContainerQuery.running(), q, "withers return new values");

        assertThrows(IllegalArgumentException.class, () -> q.withLimit(0));
        assertThrows(NullPointerException.class, () -> q.withFilters(null));
    }

    @Test
    void containerStatesAndWaitConditionsUseTheDaemonsNames() {
        assertEquals(List.of("created", "running", "paused", "restarting", "removing", "exited", "dead"),
                List.of(ContainerState.values()).stream().map(ContainerState::value).toList());
        assertEquals(List.of("not-running", "next-exit", "removed"),
                List.of(WaitCondition.values()).stream().map(WaitCondition::value).toList());
    }

    @Test
    void logsAreValuesAndCheckTheirSettings() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            Logs base = engine.docker().containers().logs("web");
            assertEquals("Logs[web]", base.toString());
            Logs all = base.stderrOnly().follow().timestamps().tail(0).since(Instant.EPOCH)
                    .until(Instant.ofEpochSecond(60)).maxLineLength(4);
            assertEquals("Logs[web, stderr only, follow, timestamps, tail=0, since=1970-01-01T00:00:00Z, "
                    + "until=1970-01-01T00:01:00Z, maxLineLength=4]", all.toString());
            assertEquals("Logs[web]", base.toString(), "settings return new values");
            assertEquals("Logs[web, stdout only]", base.stdoutOnly().toString());
            assertThrows(IllegalArgumentException.class, () -> base.tail(-1));
            assertThrows(IllegalArgumentException.class, () -> base.maxLineLength(3));
            assertThrows(NullPointerException.class, () -> base.since(null));
        }
    }
}
