package dev.berth;

/** What {@link ApiShapeTest} found when its rules came: these lists only shrink. */
final class KnownShape {
    private KnownShape() {
    }

    static final String[] FLAGS = {
    };

    static final String[] UNTYPED = {
        "ContainerSpec.toCreateBody()",
        "Healthcheck.toJson()",
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
