package dev.berth.transport.internal;

import dev.berth.transport.ApiRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * The calls of a TLS endpoint, through OkHttp: its TLS (handshake, host name check, session reuse) is the part of
 * HTTP worth a library. Plain endpoints use {@link Http1Calls}.
 */
public final class OkHttpCalls implements HttpCalls {
    private final OkHttpClient client;
    private final OkHttpClient streamingClient;
    /** {@code https://host:port}, to which the encoded targets are appended. */
    private final String origin;

    /** Calls to {@code https://} + {@code authority} ({@code host:port}, an IPv6 literal in brackets). */
    public OkHttpCalls(String authority, SSLSocketFactory ssl, X509TrustManager trust, Duration connect,
            Duration read, Duration call) {
        this.client = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectionPool(new ConnectionPool(8, 5, TimeUnit.MINUTES))
                // Connect in the calling thread (OkHttp 4's way): an interrupt then reaches the connect, and no
                // thread is started for it. A daemon has one address; racing several buys nothing.
                .fastFallback(false)
                .connectTimeout(connect)
                .readTimeout(read)
                .writeTimeout(read)
                .callTimeout(call)
                .socketFactory(new TcpSocketFactory("tcp://" + authority))
                .sslSocketFactory(ssl, trust)
                .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS))
                .build();
        this.streamingClient = client.newBuilder()
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .build();
        this.origin = "https://" + authority;
    }

    @Override
    public HttpCall newCall(OutgoingRequest r) {
        Request.Builder b = new Request.Builder().url(origin + r.target());
        List<String> h = r.headers();
        for (int i = 0; i < h.size(); i += 2) {
            if (!h.get(i).equalsIgnoreCase("Host")) { // OkHttp writes it from the URL
                b.addHeader(h.get(i), h.get(i + 1));
            }
        }
        if (r.upgrade()) {
            b.header("Connection", "Upgrade").header("Upgrade", "tcp");
        }
        b.method(r.method(), body(r));
        okhttp3.Call call = (r.streaming() || r.upgrade() ? streamingClient : client).newCall(b.build());
        return new HttpCall() {
            @Override
            public Exchange execute() throws IOException {
                return new OkHttpExchange(call, call.execute(), r.method().equals("HEAD"));
            }

            @Override
            public void cancel() {
                call.cancel();
            }
        };
    }

    private static @Nullable RequestBody body(OutgoingRequest r) {
        byte[] content = r.content();
        if (content != null) {
            return RequestBody.create(content, MediaType.get(r.contentType()));
        }
        ApiRequest.BodyWriter writer = r.writer();
        if (writer != null) {
            MediaType type = MediaType.get(r.contentType());
            return new RequestBody() {
                @Override
                public MediaType contentType() {
                    return type;
                }

                @Override
                public void writeTo(BufferedSink sink) throws IOException {
                    writer.writeTo(sink.outputStream());
                }

                /**
                 * The writer streams from what the caller gave (a tar stream, a file being read): OkHttp must not
                 * retry it on another connection, which would write it again from wherever the failed attempt left
                 * it, a body with its start missing.
                 */
                @Override
                public boolean isOneShot() {
                    return true;
                }
            };
        }
        return r.needsBody() ? RequestBody.EMPTY : null;
    }

    @Override
    public void close() {
        client.connectionPool().evictAll();
        client.dispatcher().executorService().shutdown();
    }

    /** An OkHttp answer as an {@link Exchange}. */
    static final class OkHttpExchange implements Exchange {
        private final okhttp3.Call call;
        private final Response response;
        private final boolean bodyless;

        OkHttpExchange(okhttp3.Call call, Response response, boolean head) {
            this.call = call;
            this.response = response;
            int code = response.code();
            this.bodyless = head || code == 204 || code == 304 || response.body().contentLength() == 0;
        }

        @Override
        public int code() {
            return response.code();
        }

        @Override
        public String reason() {
            return response.message();
        }

        @Override
        public @Nullable String header(String name) {
            return response.header(name);
        }

        @Override
        public boolean bodyless() {
            return bodyless;
        }

        @Override
        public InputStream body() {
            return response.body().byteStream();
        }

        @Override
        public String errorText(long max) throws IOException {
            try (response) {
                return response.peekBody(max).string();
            }
        }

        @Override
        public InputStream upgradedInput() throws IOException {
            return Okio.buffer(socket().getSource()).inputStream();
        }

        @Override
        public OutputStream upgradedOutput() throws IOException {
            // Closing the sink flushes, then shuts the socket's output down: EOF for the process.
            return Okio.buffer(socket().getSink()).outputStream();
        }

        private okio.Socket socket() throws IOException {
            okio.Socket s = response.socket();
            if (s == null) {
                throw new IOException("the daemon did not upgrade the connection");
            }
            return s;
        }

        @Override
        public void cancel() {
            call.cancel();
            okio.Socket s = response.socket();
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
