package dev.berth;

import dev.berth.transport.ApiRequest;
import dev.berth.errors.ServerErrorException;
import dev.berth.transport.Transport;
import dev.berth.errors.UnauthorizedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker login} and {@code docker logout}: checks credentials with the daemon ({@code POST /auth}) and keeps
 * them as the CLI does (a credential helper when {@code config.json} names one, else {@code config.json}).
 *
 * <pre>{@code
 * docker.registries().login("127.0.0.1:5000", "berth", password);   // UnauthorizedException when wrong
 * docker.images().push("127.0.0.1:5000/team/app:1", e -> { });       // finds the stored credentials
 * docker.registries().logout("127.0.0.1:5000");
 * }</pre>
 */
public final class Registries {
    private final Transport transport;
    private final CredentialStore credentials;

    Registries(Transport transport, CredentialStore credentials) {
        this.transport = transport;
        this.credentials = credentials;
    }

    /**
     * Checks the credentials with the daemon (which asks the registry) without storing them. When the registry
     * hands out an identity token, the returned credentials carry it instead of the password.
     *
     * @throws dev.berth.errors.UnauthorizedException when the registry refuses them
     */
    public AuthConfig authenticate(AuthConfig auth) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", auth.username());
        body.put("password", auth.password());
        body.put("serveraddress", auth.serverAddress());
        if (auth.identityToken() != null) {
            body.put("identitytoken", auth.identityToken());
        }
        Map<?, ?> r;
        try {
            r = transport.json(ApiRequest.post("/auth").json(body).build(), Map.class);
        } catch (ServerErrorException e) {
            // Engines before 23 answer a refused login with 500 "login attempt ... failed with status: 401".
            if (e.daemonMessage().contains("401 Unauthorized")) {
                throw new UnauthorizedException(e.daemonMessage(), e.request());
            }
            throw e;
        }
        Object token = r == null ? null : r.get("IdentityToken");
        return token instanceof String t && !t.isEmpty() ? AuthConfig.ofIdentityToken(t, auth.serverAddress()) : auth;
    }

    /**
     * {@code docker login REGISTRY}: checks, then stores the credentials (or the identity token the registry gave).
     *
     * @param registry {@code host[:port]}, or {@code docker.io} for Docker Hub
     * @return the credentials stored
     */
    public AuthConfig login(String registry, String username, String password) {
        AuthConfig checked = authenticate(AuthConfig.ofPassword(username, password,
                CredentialStore.registryKey(registry)));
        credentials.store(checked);
        return checked;
    }

    /** {@code docker logout REGISTRY}: forgets the stored credentials. */
    public void logout(String registry) {
        credentials.erase(registry);
    }

    /** The credentials pulls and pushes of {@code registryOrImage} would use, if any. */
    public Optional<AuthConfig> credentialsFor(String registryOrImage) {
        return credentials.lookup(registryOrImage);
    }
}
