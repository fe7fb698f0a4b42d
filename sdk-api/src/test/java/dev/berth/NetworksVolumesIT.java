package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.ContainerDetails;
import dev.berth.model.ContainerSpec;
import dev.berth.model.ContainerSummary;
import dev.berth.model.DiskUsage;
import dev.berth.model.ImageSummary;
import dev.berth.model.NetworkDetails;
import dev.berth.model.NetworkSpec;
import dev.berth.model.ProcessResult;
import dev.berth.model.PruneResult;
import dev.berth.model.SystemPruneResult;
import dev.berth.model.VolumeDetails;
import dev.berth.model.VolumeSpec;
import dev.berth.transport.ApiRequest;
import dev.berth.errors.ConflictException;
import dev.berth.errors.DockerException;
import dev.berth.errors.ForbiddenException;
import dev.berth.transport.Json;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.ServerErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Networks, volumes, {@code system df} and {@code system prune} against the real engine. Every object carries
 * {@code TestEngine.LABEL=RUN} (cleanup finds exactly this run's objects by it) and a group label that lets each
 * prune test aim at its own objects only.
 */
class NetworksVolumesIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String GROUP = TestEngine.LABEL + ".group";

    private static Docker docker;
    private static Containers containers;
    private static Networks networks;
    private static Volumes volumes;

    @BeforeAll
    static void connect() {
        docker = TestEngine.docker();
        containers = docker.containers();
        networks = new Networks(docker.transport());
        volumes = new Volumes(docker.transport());
    }

    /** Removes this run's containers first (they hold networks and volumes), then its networks and volumes. */
    @AfterAll
    static void cleanUp() {
        Filters mine = Filters.label(TestEngine.LABEL + "=" + RUN);
        List<RuntimeException> failures = new ArrayList<>();
        try {
            for (String id : containers.ids(ContainerQuery.all().label(TestEngine.LABEL + "=" + RUN))) {
                attempt(failures, () -> containers.remove(id, RemoveOptions.force()));
            }
            for (NetworkDetails n : networks.list(mine)) {
                attempt(failures, () -> networks.remove(n.id()));
            }
            for (VolumeDetails v : volumes.list(mine)) {
                attempt(failures, () -> volumes.remove(v.name(), VolumeRemoveOptions.force()));
            }
        } finally {
            docker.close();
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("cleanup of run " + RUN + " failed");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable action) {
        try {
            action.run();
        } catch (NotFoundException gone) {
            // removed meanwhile: fine
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static Map<String, String> labels(String group) {
        return Map.of(TestEngine.LABEL, RUN, GROUP, group);
    }

    private static Filters group(String group) {
        return Filters.label(TestEngine.LABEL + "=" + RUN).andLabel(GROUP + "=" + group);
    }

    private static ContainerSpec.Builder spec(String group, String... cmd) {
        return ContainerSpec.builder(TestEngine.image()).labels(labels(group)).cmd(cmd);
    }

    private static NetworkSpec.Builder network(String name, String group) {
        return NetworkSpec.builder(name).labels(labels(group));
    }

    private static String volume(String name, String group) {
        return volumes.create(VolumeSpec.named(name).driver("local").labels(labels(group)));
    }

    private static ProcessResult ping(String fromContainer, String target) {
        return containers.exec(fromContainer, "ping", "-c1", "-W2", target);
    }

    /**
     * Creates a bridge network on a random 10.x.y.0/24 (ip range the upper half), retrying when another network
     * holds that subnet; returns the first three octets.
     */
    private static String createNetworkOnOwnSubnet(String name, String group) {
        for (int attempt = 0; ; attempt++) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            String prefix = "10." + (200 + r.nextInt(50)) + "." + r.nextInt(256);
            try {
                networks.create(network(name, group).subnet(prefix + ".0/24").gateway(prefix + ".1")
                        .ipRange(prefix + ".128/25").option("com.docker.network.driver.mtu", "1400").build());
                return prefix;
            } catch (ForbiddenException overlap) {
                if (attempt >= 5 || !overlap.daemonMessage().contains("overlaps")) {
                    throw overlap;
                }
            }
        }
    }

    // ---- networks --------------------------------------------------------------------------------------------

    @Test
    void containersOnAUserNetworkReachEachOtherByNameAliasAndStaticAddress() {
        String net = "berth-net-" + RUN;
        String prefix = createNetworkOnOwnSubnet(net, "net");

        NetworkDetails created = networks.inspect(net);
        assertEquals(net, created.name());
        assertEquals("bridge", created.driver());
        assertEquals("local", created.scope());
        assertFalse(created.internal());
        assertEquals(RUN, created.labels().get(TestEngine.LABEL));
        assertEquals("1400", created.options().get("com.docker.network.driver.mtu"));
        assertEquals(1, created.ipam().config().size());
        NetworkDetails.IpamConfig pool = created.ipam().config().get(0);
        assertEquals(prefix + ".0/24", pool.subnet());
        assertEquals(prefix + ".1", pool.gateway());
        assertEquals(prefix + ".128/25", pool.ipRange());
        assertTrue(created.containers().isEmpty(), created.containers().toString());
        assertTrue(created.extras().containsKey("ConfigOnly"), "unmodelled fields are kept: " + created.extras());
        Map<?, ?> raw = docker.transport().json(ApiRequest.get("/networks/{id}", net).build(), Map.class);
        assertEquals(raw.keySet(), Json.mapper().convertValue(created, Map.class).keySet(),
                "every field the daemon sent goes back out");
        assertEquals(List.of(net), networks.list(group("net")).stream().map(NetworkDetails::name).toList());

        ConflictException taken = assertThrows(ConflictException.class,
                () -> networks.create(network(net, "net").build()));
        assertTrue(taken.daemonMessage().contains(net), taken.daemonMessage());

        String a = containers.run(spec("net", "sleep", "600").name("berth-a-" + RUN).network(net).build()).id();
        String b = containers.run(spec("net", "sleep", "600").name("berth-b-" + RUN).network(net).build()).id();
        ProcessResult byName = ping(b, "berth-a-" + RUN);
        assertEquals(0, byName.exitCode(), byName.toString());

        NetworkDetails withTwo = networks.inspect(net);
        assertEquals(Set.of(a, b), withTwo.containers().keySet());
        for (NetworkDetails.Endpoint e : withTwo.containers().values()) {
            String ip = e.ipv4Address();
            assertTrue(ip.startsWith(prefix + ".") && ip.endsWith("/24"), ip);
            int last = Integer.parseInt(ip.substring(prefix.length() + 1, ip.indexOf('/')));
            assertTrue(last >= 128, "dynamic addresses come from the IP range: " + ip);
        }

        String alias = "db-" + RUN;
        String staticIp = prefix + ".20";
        String c = containers.run(spec("net", "sleep", "600").name("berth-c-" + RUN).build()).id();
        assertNotEquals(0, ping(a, alias).exitCode(), "the alias does not resolve before the connect");
        networks.connect(net, c, NetworkConnectOptions.defaults().withAliases(alias).withIpv4Address(staticIp));

        ContainerDetails connected = containers.inspect(c);
        ContainerDetails.EndpointSettings endpoint = connected.networkSettings().networks().get(net);
        assertNotNull(endpoint, connected.networkSettings().networks().keySet().toString());
        assertEquals(staticIp, endpoint.ipAddress());
        assertEquals(staticIp, endpoint.ipamConfig().ipv4Address());
        assertTrue(endpoint.aliases().contains(alias), endpoint.toString());
        assertEquals(staticIp + "/24", networks.inspect(net).containers().get(c).ipv4Address());
        assertEquals("berth-c-" + RUN, networks.inspect(net).containers().get(c).name());

        ProcessResult byAlias = ping(a, alias);
        assertEquals(0, byAlias.exitCode(), byAlias.toString());
        assertTrue(byAlias.stdout().contains("(" + staticIp + ")"), byAlias.stdout());
        assertEquals(0, ping(b, "berth-c-" + RUN).exitCode(), "and by its name");

        ForbiddenException twice = assertThrows(ForbiddenException.class,
                () -> networks.connect(net, c));
        assertTrue(twice.daemonMessage().contains("already exists"), twice.daemonMessage());
        ForbiddenException inUse = assertThrows(ForbiddenException.class, () -> networks.remove(net));
        assertTrue(inUse.daemonMessage().contains("active endpoints"), inUse.daemonMessage());

        networks.disconnect(net, c);
        assertFalse(networks.inspect(net).containers().containsKey(c));
        assertFalse(containers.inspect(c).networkSettings().networks().containsKey(net));
        ProcessResult cutByAlias = ping(a, alias);
        assertNotEquals(0, cutByAlias.exitCode(), cutByAlias.toString());
        ProcessResult cutByAddress = ping(a, staticIp);
        assertNotEquals(0, cutByAddress.exitCode(), cutByAddress.toString());
        assertEquals(0, ping(a, "berth-b-" + RUN).exitCode(), "the others still talk");

        ServerErrorException notConnected = assertThrows(ServerErrorException.class,
                () -> networks.disconnect(net, c));
        assertTrue(notConnected.daemonMessage().contains("not connected"), notConnected.daemonMessage());
    }

    @Test
    void staticAddressesNeedAUserSubnetAndMissingNetworksAreNotFound() {
        String c = containers.run(spec("net", "sleep", "600").build()).id();
        DockerException e = assertThrows(DockerException.class,
                () -> networks.connect("bridge", c,
                        NetworkConnectOptions.defaults().withIpv4Address("172.17.250.250")));
        assertEquals(400, e.status(), e.toString());
        assertThrows(NotFoundException.class, () -> networks.inspect("berth-no-such-net-" + RUN));
        assertThrows(NotFoundException.class, () -> networks.remove("berth-no-such-net-" + RUN));
    }

    // ---- volumes ---------------------------------------------------------------------------------------------

    @Test
    void aNamedVolumeKeepsDataAcrossTwoContainers() {
        String vol = "berth-data-" + RUN;
        assertEquals(vol, volume(vol, "data"), "create answers the name");
        VolumeDetails created = volumes.inspect(vol);
        assertEquals(vol, created.name());
        assertEquals("local", created.driver());
        assertEquals("local", created.scope());
        assertEquals(labels("data"), created.labels());
        assertTrue(created.mountpoint().endsWith("/" + vol + "/_data"), created.mountpoint());
        assertNull(created.usageData(), "only system df sends usage");
        String anonymous = volumes.create(VolumeSpec.anonymous().labels(labels("data")));
        assertTrue(anonymous.matches("[0-9a-f]{64}"), "the name the daemon made up: " + anonymous);
        // Engine 23+ (API 1.42) marks a volume created without a name as anonymous, so prune takes it by default
        Map<String, String> anonymousLabels = new java.util.HashMap<>(labels("data"));
        if (docker.apiVersion().isAtLeast(dev.berth.transport.ApiVersion.of(1, 42))) {
            anonymousLabels.put("com.docker.volume.anonymous", "");
        }
        assertEquals(anonymousLabels, volumes.inspect(anonymous).labels());

        // the writer stays (stopped): while a container references the volume no other test run's prune takes it
        ProcessResult write = containers.runAndWait(spec("data", "sh", "-c", "echo kept-" + RUN + " > /data/f")
                .volume(vol + ":/data").build());
        assertEquals(0, write.exitCode(), write.toString());
        ProcessResult read = containers.runAndWait(spec("data", "cat", "/data/f").volume(vol + ":/data").build());
        assertEquals("kept-" + RUN + "\n", read.stdout());

        VolumeDetails inspected = volumes.inspect(vol);
        assertEquals(created.mountpoint(), inspected.mountpoint());
        assertNotNull(inspected.createdAt());
        assertEquals(List.of(vol), volumes.list(Filters.of("name", vol)).stream().map(VolumeDetails::name)
                .toList());
        assertEquals(Set.of(vol, anonymous), volumes.list(group("data")).stream().map(VolumeDetails::name)
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(List.of(), volumes.list(Filters.of("name", "berth-no-such-volume-" + RUN)));
    }

    @Test
    void removingAVolumeInUseIsAConflictEvenWithForce() {
        String vol = "berth-busy-" + RUN;
        volume(vol, "busy");
        String user = containers.run(spec("busy", "sleep", "600").volume(vol + ":/data").build()).id();

        ConflictException inUse = assertThrows(ConflictException.class, () -> volumes.remove(vol));
        assertTrue(inUse.daemonMessage().contains("in use"), inUse.daemonMessage());
        assertThrows(ConflictException.class, () -> volumes.remove(vol, VolumeRemoveOptions.force()));
        assertEquals(vol, volumes.inspect(vol).name());

        containers.remove(user, RemoveOptions.force());
        volumes.remove(vol);
        assertThrows(NotFoundException.class, () -> volumes.inspect(vol));
        assertThrows(NotFoundException.class, () -> volumes.remove(vol));
        volumes.remove(vol, VolumeRemoveOptions.force());
    }

    // ---- system ----------------------------------------------------------------------------------------------

    @Test
    void diskUsageReportsTheTestsImageContainerAndVolume() {
        String vol = "berth-df-" + RUN;
        volume(vol, "df");
        String writer = containers.create(spec("df", "dd", "if=/dev/zero", "of=/data/blob", "bs=1024", "count=64")
                .volume(vol + ":/data").build());
        containers.start(writer);
        assertEquals(0, containers.waitFor(writer, WaitCondition.NOT_RUNNING).statusCode());
        String imageId = containers.inspect(writer).image();

        DiskUsage df = docker.system().diskUsage();
        assertTrue(df.layersSize() > 0, "layers: " + df.layersSize());

        ImageSummary image = df.images().stream().filter(i -> i.repoTags().contains(TestEngine.image()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + TestEngine.image() + " in " + df.images()));
        assertEquals(imageId, image.id());
        assertTrue(image.size() > 0);
        assertTrue(image.containers() >= 1, "df counts the image's containers: " + image.containers());

        List<ContainerSummary> mine = df.containers().stream()
                .filter(s -> RUN.equals(s.labels().get(TestEngine.LABEL)) && "df".equals(s.labels().get(GROUP)))
                .toList();
        assertEquals(List.of(writer), mine.stream().map(ContainerSummary::id).toList());
        assertEquals("exited", mine.get(0).state());
        assertNotNull(mine.get(0).sizeRootFs(), "df sizes every container");

        VolumeDetails v = df.volumes().stream().filter(x -> x.name().equals(vol)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + vol + " in system df"));
        assertNotNull(v.usageData(), v.toString());
        assertTrue(v.usageData().size() >= 64 * 1024, "volume size " + v.usageData().size());
        assertEquals(1, v.usageData().refCount());
        assertEquals(labels("df"), v.labels());
        assertNotNull(df.buildCache());
    }

    @Test
    void pruneWithALabelFilterRemovesExactlyTheTestsUnusedNetworksAndVolumes() {
        String n1 = "berth-pn1-" + RUN;
        String n2 = "berth-pn2-" + RUN;
        String nOfStopped = "berth-pnstopped-" + RUN;
        String nBusy = "berth-pnbusy-" + RUN;
        String nKeep = "berth-pnkeep-" + RUN;
        for (String n : List.of(n1, n2, nOfStopped, nBusy)) {
            networks.create(network(n, "prune").build());
        }
        networks.create(network(nKeep, "keep").build());
        String v1 = "berth-pv1-" + RUN;
        String v2 = "berth-pv2-" + RUN;
        String vBusy = "berth-pvbusy-" + RUN;
        String vKeep = "berth-pvkeep-" + RUN;
        volume(v1, "prune");
        volume(v2, "prune");
        volume(vBusy, "prune");
        volume(vKeep, "keep");
        // a container that never ran holds its volume, but not its network: endpoints exist only while it runs
        String stopped = containers.create(spec("keep", "true").network(nOfStopped).volume(vBusy + ":/data")
                .build());
        String running = containers.run(spec("keep", "sleep", "600").network(nBusy).build()).id();

        PruneResult nr = networks.prune(group("prune"));
        assertEquals(Set.of(n1, n2, nOfStopped), Set.copyOf(nr.deleted()));
        assertEquals(0, nr.spaceReclaimed());
        PruneResult vr = volumes.prune(group("prune"));
        assertEquals(Set.of(v1, v2), Set.copyOf(vr.deleted()));

        for (String gone : List.of(n1, n2, nOfStopped)) {
            assertThrows(NotFoundException.class, () -> networks.inspect(gone));
        }
        for (String gone : List.of(v1, v2)) {
            assertThrows(NotFoundException.class, () -> volumes.inspect(gone));
        }
        assertEquals(Set.of(running), networks.inspect(nBusy).containers().keySet());
        assertEquals(nKeep, networks.inspect(nKeep).name());
        assertEquals(vBusy, volumes.inspect(vBusy).name());
        assertEquals(vKeep, volumes.inspect(vKeep).name());
        assertTrue(networks.prune(group("prune")).deleted().isEmpty());
        assertTrue(volumes.prune(group("prune")).deleted().isEmpty());
        assertEquals(stopped, containers.inspect(stopped).id());
    }

    @Test
    void systemPruneRemovesStoppedContainersFirstThenTheirNetworksAndVolumes() {
        String net = "berth-sysnet-" + RUN;
        String vol = "berth-sysvol-" + RUN;
        String keep = "berth-syskeep-" + RUN;
        networks.create(network(net, "sys").build());
        volume(vol, "sys");
        volume(keep, "keep");
        ProcessResult wrote = containers.runAndWait(spec("sys", "dd", "if=/dev/zero", "of=/data/blob", "bs=1024",
                "count=64").network(net).volume(vol + ":/data").build());
        assertEquals(0, wrote.exitCode(), wrote.toString());
        List<String> stopped = containers.ids(ContainerQuery.all().label(GROUP + "=sys")
                .label(TestEngine.LABEL + "=" + RUN));
        assertEquals(1, stopped.size());

        assertThrows(IllegalArgumentException.class,
                () -> docker.system().prune(Filters.of("until", "1h")));
        SystemPruneResult pruned = docker.system().prune(group("sys"));
        assertEquals(stopped, pruned.containersDeleted());
        assertTrue(pruned.networksDeleted().contains(net), pruned.toString());
        assertTrue(pruned.volumesDeleted().contains(vol), pruned.toString());
        long freed = pruned.spaceReclaimed();

        assertThrows(NotFoundException.class, () -> containers.inspect(stopped.get(0)));
        assertThrows(NotFoundException.class, () -> networks.inspect(net));
        assertThrows(NotFoundException.class, () -> volumes.inspect(vol));
        assertEquals(keep, volumes.inspect(keep).name());
        assertTrue(freed >= 64 * 1024, "freed " + freed + " bytes");
    }
}
