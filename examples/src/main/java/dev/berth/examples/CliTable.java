package dev.berth.examples;

import dev.berth.AuthConfig;
import dev.berth.BuildSpec;
import dev.berth.CommitOptions;
import dev.berth.ContainerQuery;
import dev.berth.Containers;
import dev.berth.Docker;
import dev.berth.EventQuery;
import dev.berth.ExecOptions;
import dev.berth.Filters;
import dev.berth.ImagePruneOptions;
import dev.berth.ImageQuery;
import dev.berth.ImageRemoveOptions;
import dev.berth.Images;
import dev.berth.ImportOptions;
import dev.berth.NetworkConnectOptions;
import dev.berth.NodeUpdate;
import dev.berth.PullOptions;
import dev.berth.RemoveOptions;
import dev.berth.SearchOptions;
import dev.berth.ServiceLogsOptions;
import dev.berth.StopOptions;
import dev.berth.SwarmInitOptions;
import dev.berth.SwarmLeaveOptions;
import dev.berth.VolumeRemoveOptions;
import dev.berth.model.ContainerSpec;
import dev.berth.model.NetworkSpec;
import dev.berth.model.NodeAvailability;
import dev.berth.model.ProgressEvent;
import dev.berth.model.ServiceSpec;
import dev.berth.model.VolumeSpec;
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
                      String N, String T, String M, String A, String SRC_IMG, String DST, String TERM, String[] CMD,
                      Path DIR,
                      Path F, Path SRC, boolean force, boolean volumes, Consumer<ProgressEvent> progress,
                      ServiceSpec SERVICE_SPEC) throws Exception {
        Containers c = d.containers();
        Images i = d.images();
        d.registries().login(AuthConfig.ofPassword(U, P, REG));
        d.registries().logout(REG);
        i.list();
        i.list(ImageQuery.all().withFilters(Filters.of("dangling", "true")));
        i.remove(NAME);
        i.remove(NAME, ImageRemoveOptions.force());
        i.prune();
        i.prune(ImagePruneOptions.all());
        i.pull(NAME, progress);
        i.push(NAME, progress);
        i.pull(NAME, PullOptions.defaults().withPlatform("linux/arm64"), progress);
        i.commit(CTR, CommitOptions.of("REPO:TAG").withMessage(M).withAuthor(A));
        i.build(BuildSpec.fromDirectory(DIR).tag(T).build());
        i.build(BuildSpec.fromDirectory(DIR).tag(T).noCache().pull().build());
        i.search(TERM, SearchOptions.defaults().officialOnly().withLimit(5));
        i.tag(SRC_IMG, DST);
        c.list();
        c.list(ContainerQuery.all());
        c.list(ContainerQuery.all().withSize());
        c.ids(ContainerQuery.all());
        c.list(ContainerQuery.all().latest());
        c.remove(CTR);
        c.remove(CTR, RemoveOptions.force().withVolumes());
        c.inspect(CTR);
        i.inspect(IMAGE);
        c.logs(CTR).follow().tail(10).timestamps().lines();
        c.run(ContainerSpec.builder(IMG).name(N).publish("8080:80").publishAll().volume("/h:/c").cmd(CMD).build());
        ContainerSpec.builder(IMG).memory("64m").cpus(0.5).pidsLimit(100);
        c.run(ContainerSpec.parse("run -d --name web -p 8080:80 --ulimit nofile=65536 --log-opt max-size=10m nginx"));
        c.runAndWait(ContainerSpec.builder(IMG).autoRemove().cmd(CMD).build());
        c.restart(CTR);
        c.stop(CTR, StopOptions.defaults().withTimeout(Duration.ofSeconds(30)).withSignal("SIGINT"));
        c.exec(CTR, "ls", "/");
        c.execInteractive(CTR, ExecOptions.of("sh").withTty());
        c.export(CTR, F);
        i.importTar(F, ImportOptions.of("REPO:TAG"));
        d.files().copyIn(SRC, CTR, "/dst");
        d.files().copyOut(CTR, "/src/f", DIR);
        i.save(F, IMG);
        i.load(F);
        d.networks().create(NetworkSpec.builder(N).build());
        d.volumes().create(VolumeSpec.named(N));
        d.networks().connect(N, CTR, NetworkConnectOptions.defaults().withAliases(A));
        d.volumes().remove(N, VolumeRemoveOptions.force());
        d.swarm().init(SwarmInitOptions.defaults().withAdvertiseAddr("127.0.0.1"));
        d.swarm().services().create(SERVICE_SPEC);
        d.swarm().services().logs(N, ServiceLogsOptions.defaults().follow());
        d.swarm().nodes().update(N, NodeUpdate.availability(NodeAvailability.DRAIN));
        d.swarm().leave(SwarmLeaveOptions.force());
        d.system().diskUsage();
        d.system().prune();
        d.system().events(EventQuery.live());
    }
}
