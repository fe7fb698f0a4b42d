package dev.berth.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread blocked in a {@link ChannelSocket} (Unix or TCP, reading with or without a read timeout, or writing to a
 * peer that does not read) leaves it when interrupted: at once, with an {@link InterruptedIOException}, its interrupt
 * flag still set, and the socket closed so that no pool reuses it. Closing from another thread also ends a read or a
 * write at once.
 */
class ChannelSocketInterruptTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptEndsABlockedUnixRead() throws Exception {
        assertInterruptEndsRead(unixPair(0));
    }

    @Test
    void anInterruptEndsATimedUnixRead() throws Exception {
        assertInterruptEndsRead(unixPair(30_000));
    }

    @Test
    void anInterruptEndsABlockedReadOfAChannelLeftBlocking() throws Exception {
        assertInterruptEndsRead(blocking(unixPair(0)));
    }

    @Test
    void anInterruptEndsATimedReadOfAChannelLeftBlocking() throws Exception {
        assertInterruptEndsRead(blocking(unixPair(30_000)));
    }

    @Test
    void closingFromAnotherThreadEndsATimedReadOfAChannelLeftBlocking() throws Exception {
        try (Pair p = blocking(unixPair(30_000))) {
            InputStream in = p.client.getInputStream();
            assertClosingEndsAtOnce(p, () -> in.read());
        }
    }

    /** The same pair with its client reconnected as a virtual thread would: its channel left in blocking mode. */
    private Pair blocking(Pair p) throws IOException {
        int timeout = p.client.getSoTimeout();
        p.client.close();
        p.peer.close();
        SocketAddress address = p.server.getLocalAddress();
        ChannelSocket client = (ChannelSocket) new UnixSocketFactory(((UnixDomainSocketAddress) address).getPath())
                .createSocket();
        client.keepBlocking = true;
        client.connect(address, 0);
        client.setSoTimeout(timeout);
        return new Pair(p.server, p.server.accept(), client);
    }

    @Test
    void anInterruptEndsABlockedTcpRead() throws Exception {
        assertInterruptEndsRead(tcpPair(0));
    }

    @Test
    void anInterruptEndsATimedTcpRead() throws Exception {
        assertInterruptEndsRead(tcpPair(30_000));
    }

    @Test
    void closingFromAnotherThreadEndsATimedReadAtOnce() throws Exception {
        try (Pair p = unixPair(30_000)) {
            InputStream in = p.client.getInputStream();
            assertClosingEndsAtOnce(p, () -> in.read());
        }
    }

    @Test
    void anInterruptEndsAWriteTheDaemonDoesNotRead() throws Exception {
        try (Pair p = unixPair(0)) {
            Object outcome = interruptedAfter(300, () -> fillUntilBlocked(p.client));
            assertInstanceOf(InterruptedIOException.class, outcome, "the write ended with " + outcome);
            assertTrue(p.client.isClosed(), "the socket is closed: no pool reuses it");
        }
    }

    @Test
    void closingFromAnotherThreadEndsABlockedWriteAtOnce() throws Exception {
        try (Pair p = tcpPair(0)) {
            assertClosingEndsAtOnce(p, () -> fillUntilBlocked(p.client));
        }
    }

    /** Runs {@code blocking} in another thread, closes the client after 300 ms, and checks the call ends at once. */
    private static void assertClosingEndsAtOnce(Pair p, Blocking blocking) throws Exception {
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> outcome(blocking));
        Thread.sleep(300);
        assertTrue(!call.isDone(), "blocked before the close, but ended with " + (call.isDone() ? call.get() : ""));
        long t0 = System.nanoTime();
        p.client.close();
        Object outcome = call.get(5, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1_000, "ended " + ms + " ms after the close, not at a timeout");
        assertInstanceOf(IOException.class, outcome);
    }

    /** Writes until the peer's buffers are full and the write waits (the peer never reads). */
    private static Object fillUntilBlocked(Socket client) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 10_000; i++) { // 640 MiB: far more than any socket buffer holds
            client.getOutputStream().write(chunk);
            client.getOutputStream().flush();
        }
        return "never blocked";
    }

    @Test
    void anInterruptEndsATcpConnectThatHangs() throws Exception {
        // a listener whose accept queue is full drops further SYNs: connecting hangs
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        server.getLocalPort());
                for (int i = 0; i < 16; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(address, 300);
                        fillers.add(s);
                    } catch (java.net.SocketTimeoutException full) {
                        s.close();
                        break;
                    }
                }
                Socket client = new TcpSocketFactory("tcp://test").createSocket();
                Object outcome = interruptedAfter(300, () -> {
                    client.connect(address, 30_000);
                    return "connected";
                });
                assertInstanceOf(InterruptedIOException.class, outcome);
                assertTrue(client.isClosed());
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    private void assertInterruptEndsRead(Pair pair) throws Exception {
        try (pair) {
            InputStream in = pair.client.getInputStream();
            Object outcome = interruptedAfter(300, in::read);
            assertInstanceOf(InterruptedIOException.class, outcome, "the read ended with " + outcome);
            assertTrue(pair.client.isClosed(), "the socket is closed: no pool reuses it");
        }
    }

    /** Runs {@code blocking} in a new thread, interrupts it after {@code ms}, and checks it ends at once. */
    private static Object interruptedAfter(long ms, Blocking blocking) throws Exception {
        Object[] result = new Object[2];
        Thread t = new Thread(() -> {
            result[0] = outcome(blocking);
            result[1] = Thread.currentThread().isInterrupted();
        }, "interrupt-test");
        t.start();
        Thread.sleep(ms);
        assertTrue(t.isAlive(), "blocked before the interrupt, but ended with " + result[0]);
        long t0 = System.nanoTime();
        t.interrupt();
        t.join(5_000);
        long took = (System.nanoTime() - t0) / 1_000_000;
        if (t.isAlive()) {
            fail("still blocked 5 s after the interrupt");
        }
        assertTrue(took < 1_000, "ended " + took + " ms after the interrupt");
        assertEquals(Boolean.TRUE, result[1], "the interrupt flag is still set");
        return result[0];
    }

    private static Object outcome(Blocking b) {
        try {
            return b.call();
        } catch (Exception e) {
            return e;
        }
    }

    @FunctionalInterface
    interface Blocking {
        Object call() throws Exception;
    }

    private Pair unixPair(int soTimeout) throws IOException {
        Path path = dir.resolve("s" + System.nanoTime() + ".sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Socket client = new UnixSocketFactory(path).createSocket("ignored", 0);
        client.setSoTimeout(soTimeout);
        return new Pair(server, server.accept(), client);
    }

    private Pair tcpPair(int soTimeout) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Socket client = new TcpSocketFactory("tcp://test").createSocket();
        client.connect(server.getLocalAddress(), 5_000);
        client.setSoTimeout(soTimeout);
        assertEquals(((InetSocketAddress) server.getLocalAddress()).getPort(), client.getPort());
        return new Pair(server, server.accept(), client);
    }

    /** A listener, its accepted (silent) peer, and the client socket under test. */
    private record Pair(ServerSocketChannel server, SocketChannel peer, Socket client) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            client.close();
            peer.close();
            server.close();
        }
    }
}
