package dev.berth.examples;

import dev.berth.BuildSpec;
import dev.berth.ContainerQuery;
import dev.berth.Containers;
import dev.berth.Docker;
import dev.berth.EventQuery;
import dev.berth.ExecOptions;
import dev.berth.Images;
import dev.berth.model.ContainerSpec;
import dev.berth.model.NetworkSpec;
import dev.berth.model.ProgressEvent;
import dev.berth.model.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every call of README's "From the {@code docker} CLI to Berth" table, so the build compiles them; it is never run.
 * {@code CliTableTest} checks that each call in the table stands here word for word.
 */
@SuppressWarnings({"unused", "checkstyle:ParameterName"})
final class CliTable {
    private CliTable() {
    }

    static void calls(Docker d, String REG, String U, String P, String NAME, String CTR, String IMG, String IMAGE,
                      String N, String T, String M, String A, String SRC_IMG, String DST, String[] CMD, Path DIR,
                      Path F, Path SRC, boolean force, boolean volumes, Consumer<ProgressEvent> progress,
                      ServiceSpec SERVICE_SPEC) throws Exception {
        Containers c = d.containers();
        Images i = d.images();
        d.registries().login(REG, U, P);
        d.registries().logout(REG);
        i.list(false);
        i.list(true, Map.of("dangling", List.of("true")));
        i.remove(NAME, force, false);
        i.pull(NAME, progress);
        i.push(NAME, progress);
        i.commit(CTR, "REPO:TAG", M, A, List.of(), true);
        i.build(BuildSpec.fromDirectory(DIR).tag(T).build());
        i.tag(SRC_IMG, DST);
        c.list();
        c.list(ContainerQuery.all());
        c.list(ContainerQuery.all().withSize());
        c.ids(ContainerQuery.all());
        c.list(ContainerQuery.all().latest());
        c.remove(CTR, force, volumes);
        c.inspect(CTR);
        i.inspect(IMAGE);
        c.logs(CTR).follow().tail(10).timestamps().lines();
        c.run(ContainerSpec.builder(IMG).name(N).publish("8080:80").publishAll().volume("/h:/c").cmd(CMD).build());
        ContainerSpec.builder(IMG).memory("64m").cpus(0.5).pidsLimit(100);
        c.runAndWait(ContainerSpec.builder(IMG).autoRemove().cmd(CMD).build());
        c.restart(CTR, Duration.ofSeconds(10));
        c.stop(CTR, Duration.ofSeconds(10));
        c.exec(CTR, "ls", "/");
        c.execInteractive(CTR, ExecOptions.of("sh").withTty());
        c.export(CTR, F);
        i.importTar(F, "REPO:TAG", List.of(), null);
        d.files().copyIn(SRC, CTR, "/dst");
        d.files().copyOut(CTR, "/src/f", DIR);
        i.save(F, IMG);
        i.load(F);
        d.networks().create(NetworkSpec.builder(N).build());
        d.volumes().create(N, null, Map.of(), Map.of());
        d.swarm().init("127.0.0.1", "127.0.0.1:2377");
        d.swarm().services().create(SERVICE_SPEC, null);
        d.system().diskUsage();
        d.system().events(EventQuery.live());
    }
}
