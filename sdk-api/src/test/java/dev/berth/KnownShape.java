package dev.berth;

/** What {@link ApiShapeTest} found when its rules came: these lists only shrink. */
final class KnownShape {
    private KnownShape() {
    }

    static final String[] FLAGS = {
        "DockerHost.effectivePort(boolean)",
        "FrameReader.of(InputStream,boolean,String)",
    };

    static final String[] UNTYPED = {
        "ApiRequest.json()",
        "ContainerSpec.toCreateBody()",
        "Healthcheck.toJson()",
        "ProgressEvent.aux()",
    };

    static final String[] NULLS = {
        "DaemonUnreachableException.java: request",
        "DockerException.java: cause",
        "DockerException.java: request",
        "Endpoint.java: pinnedVersion",
        "Endpoint.java: tls",
        "StreamException.java: request",
        "TlsHandshakeException.java: request",
    };
}
