package dev.berth.transport.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks a Unix socket whether a Docker-compatible daemon answers {@code GET /_ping}, within a short time. */
public final class SocketProbe {
    private SocketProbe() {
    }

    /** Null when a daemon answered 200; otherwise why not, in a few words. */
    public static String ping(Path socket, long timeoutMillis) {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            return e.getMessage();
        }
        try (ch) {
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> exchange(ch, socket));
            return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "no answer within " + timeoutMillis + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException | IOException e) {
            return String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
    }

    private static String exchange(SocketChannel ch, Path socket) {
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: api.moby.localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(64);
            while (buf.position() < 12 && ch.read(buf) >= 0) {
                // the status line's first 12 bytes: "HTTP/1.x 200"
            }
            String status = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
            return status.startsWith("HTTP/1.") && status.length() >= 12 && status.startsWith("200", 9) ? null
                    : "answered '" + status.lines().findFirst().orElse("") + "', not a Docker daemon";
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
