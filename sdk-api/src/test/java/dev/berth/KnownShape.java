package dev.berth;

/** What {@link ApiShapeTest} found when its rules came: these lists only shrink. */
final class KnownShape {
    private KnownShape() {
    }

    static final String[] FLAGS = {
        "ContainerSpec$Builder.autoRemove(boolean)",
        "ContainerSpec$Builder.bind(Path,String,boolean)",
        "ContainerSpec$Builder.init(boolean)",
        "ContainerSpec$Builder.openStdin(boolean)",
        "ContainerSpec$Builder.privileged(boolean)",
        "ContainerSpec$Builder.publishAll(boolean)",
        "ContainerSpec$Builder.readOnlyRootfs(boolean)",
        "ContainerSpec$Builder.tty(boolean)",
        "DockerHost.effectivePort(boolean)",
        "FrameReader.of(InputStream,boolean,String)",
        "Mount.bind(Path,String,boolean)",
        "Mount.volume(String,String,boolean)",
    };

    static final String[] UNTYPED = {
        "ApiRequest.json()",
        "ContainerDetails$Config.exposedPorts()",
        "ContainerDetails$HostConfig.restartPolicy()",
        "ContainerDetails$NetworkSettings.networks()",
        "ContainerDetails$State.health()",
        "ContainerSpec.toCreateBody()",
        "ContainerStats.networks()",
        "ContainerStats.pidsStats()",
        "Healthcheck.toJson()",
        "ProgressEvent.aux()",
    };

    static final String[] NULLS = {
        "DaemonUnreachableException.java: request",
        "DockerException.java: cause",
        "DockerException.java: request",
        "Endpoint.java: pinnedVersion",
        "Endpoint.java: tls",
        "SshSocketFactory.java: connectTimeout",
        "StreamException.java: request",
        "TlsHandshakeException.java: request",
    };
}
