package dev.berth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.transport.Json;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Credentials for one registry, as the Engine API takes them: a user name and password, or an identity token (the
 * refresh token a registry hands out on login), plus the registry's address. An absent field is empty (a null given
 * to the constructor becomes empty). {@link #toString()} never shows the password or the token.
 *
 * <pre>{@code
 * AuthConfig auth = AuthConfig.ofPassword("berth", password, "127.0.0.1:5000");
 * System.out.println(auth);   // AuthConfig[username=berth, password=***, serverAddress=127.0.0.1:5000]
 * }</pre>
 *
 * @param username the user name; empty when absent
 * @param password the password; empty when absent
 * @param serverAddress the registry ({@code host[:port]}, or {@code https://index.docker.io/v1/} for Docker Hub);
 *         empty for the daemon's default, Docker Hub
 * @param identityToken the identity token; empty when absent. When present it is sent instead of user name and
 *         password
 */
public record AuthConfig(String username, String password, String serverAddress, String identityToken) {

    /**
     * Null fields become empty.
     *
     * @param username the user name; empty when absent
     * @param password the password; empty when absent
     * @param serverAddress the registry; empty for Docker Hub
     * @param identityToken the identity token; empty when absent
     */
    public AuthConfig {
        username = orEmpty(username);
        password = orEmpty(password);
        serverAddress = orEmpty(serverAddress);
        identityToken = orEmpty(identityToken);
    }

    /**
     * User name and password for Docker Hub ({@code docker login -u USER}).
     *
     * @param username the Docker Hub user name
     * @param password the password or access token
     * @return credentials with no server address
     * @throws NullPointerException when the user name or password is null
     */
    public static AuthConfig ofPassword(String username, String password) {
        return ofPassword(username, password, "");
    }

    /**
     * User name and password for {@code server} ({@code docker login -u USER SERVER}).
     *
     * @param username the user name
     * @param password the password or access token
     * @param server the registry, {@code host[:port]}
     * @return the credentials for that registry
     * @throws NullPointerException when the user name or password is null
     */
    public static AuthConfig ofPassword(String username, String password, String server) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        return new AuthConfig(username, password, server, "");
    }

    /**
     * An identity token for Docker Hub, as {@code POST /auth} may return it.
     *
     * @param token the identity token
     * @return credentials with no server address
     * @throws IllegalArgumentException when the token is empty
     */
    public static AuthConfig ofIdentityToken(String token) {
        return ofIdentityToken(token, "");
    }

    /**
     * An identity token for {@code server}, as {@code POST /auth} may return it.
     *
     * @param token the identity token
     * @param server the registry, {@code host[:port]}
     * @return the credentials for that registry
     * @throws IllegalArgumentException when the token is empty
     */
    public static AuthConfig ofIdentityToken(String token, String server) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("empty identity token");
        }
        return new AuthConfig("", "", server, token);
    }

    /**
     * No credentials: pulls of public images and pushes to registries without auth. Its header is {@code e30=}.
     *
     * <pre>{@code
     * images.push("127.0.0.1:5000/app:1", PushOptions.defaults().withAuth(AuthConfig.anonymous()), progress);
     * }</pre>
     *
     * @return the credentials with every field empty
     */
    public static AuthConfig anonymous() {
        return new AuthConfig("", "", "", "");
    }

    /**
     * Whether there is nothing to send: no user name, password or identity token.
     *
     * <pre>{@code
     * AuthConfig.anonymous().isAnonymous();   // true
     * }</pre>
     *
     * @return true when the user name, password and identity token are all empty
     */
    public boolean isAnonymous() {
        return !present(username) && !present(password) && !present(identityToken);
    }

    /**
     * The {@code X-Registry-Auth} header value: base64url, with padding, of {@code {"username","password",
     * "serveraddress"}}, or of {@code {"identitytoken","serveraddress"}} when there is an identity token. Empty fields
     * are left out, so {@link #anonymous()} gives {@code e30=} ({@code {}}), which pushes should send rather than
     * no header at all.
     *
     * <pre>{@code
     * AuthConfig.ofPassword("u", "p", "reg:5000").toHeader();
     * // base64url of {"username":"u","password":"p","serveraddress":"reg:5000"}
     * }</pre>
     *
     * @return the header value
     */
    public String toHeader() {
        return base64Url(headerJson());
    }

    /**
     * The {@code X-Registry-Config} header value for {@code POST /build}: base64url, with padding, of a JSON object
     * from registry key ({@link CredentialStore#registryKey(String)}) to {@code {"username","password",
     * "serveraddress","identitytoken"}}, empty fields left out, in the map's order. An empty map gives {@code e30=}.
     *
     * <pre>{@code
     * String header = AuthConfig.encodeRegistryConfig(CredentialStore.fromEnvironment().all());
     * }</pre>
     *
     * @param auths the credentials, by registry key
     * @return the header value; {@code e30=} for an empty map
     */
    public static String encodeRegistryConfig(Map<String, AuthConfig> auths) {
        ObjectNode root = Json.objectNode();
        auths.forEach((registry, auth) -> {
            ObjectNode node = root.putObject(Objects.requireNonNull(registry, "registry key"));
            put(node, "username", auth.username);
            put(node, "password", auth.password);
            put(node, "serveraddress", auth.serverAddress);
            put(node, "identitytoken", auth.identityToken);
        });
        return base64Url(root);
    }

    /**
     * The fields with the password and identity token masked as {@code ***}; absent fields are left out.
     *
     * <pre>{@code
     * AuthConfig.ofIdentityToken(token, "reg:5000").toString();
     * // AuthConfig[serverAddress=reg:5000, identityToken=***]
     * }</pre>
     */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "AuthConfig[", "]");
        if (present(username)) {
            s.add("username=" + username);
        }
        if (present(password)) {
            s.add("password=***");
        }
        if (present(serverAddress)) {
            s.add("serverAddress=" + serverAddress);
        }
        if (present(identityToken)) {
            s.add("identityToken=***");
        }
        return s.toString();
    }

    ObjectNode headerJson() {
        ObjectNode node = Json.objectNode();
        if (present(identityToken)) {
            put(node, "identitytoken", identityToken);
        } else {
            put(node, "username", username);
            put(node, "password", password);
        }
        put(node, "serveraddress", serverAddress);
        return node;
    }

    static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (present(value)) {
            node.put(field, value);
        }
    }

    private static String base64Url(ObjectNode node) {
        try {
            return Base64.getUrlEncoder().encodeToString(Json.writer().writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            // cannot happen for a tree of strings; do not attach e, whose message could quote a secret
            throw new IllegalStateException("cannot encode registry credentials as JSON");
        }
    }
}
