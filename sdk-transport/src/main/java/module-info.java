/**
 * Berth's transport: Docker hosts and endpoints, TLS, the one request pipeline ({@code Transport}), version
 * negotiation, stream framing, and every exception Berth throws ({@code dev.berth.errors}).
 */
module dev.berth.transport {
    // Json (mapper, reader, writer, nodes) and Transport.json(request, JavaType) are Jackson's types.
    requires transitive com.fasterxml.jackson.databind;
    // JSpecify's nullness annotations in the signatures, for the users' tools; not needed at run time.
    requires static transitive org.jspecify;
    // OkHttp speaks HTTP for TLS endpoints only (OkHttpCalls); it requires okio and kotlin.stdlib transitively.
    requires okhttp3;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.slf4j;

    exports dev.berth.errors;
    exports dev.berth.transport;
}
