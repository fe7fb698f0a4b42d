package dev.berth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.errors.ServerErrorException;
import dev.berth.errors.UnauthorizedException;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker login} and {@code docker logout}: checks credentials with the daemon ({@code POST /auth}) and keeps
 * them as the CLI does (a credential helper when {@code config.json} names one, else {@code config.json}).
 *
 * <pre>{@code
 * docker.registries().login(AuthConfig.ofPassword("berth", password, "127.0.0.1:5000"));
 * docker.images().push("127.0.0.1:5000/team/app:1");   // finds the stored credentials
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
     * @param auth the credentials and the registry's server address; empty for Docker Hub
     * @return the credentials, with the identity token in place of the password when the registry gave one
     * @throws UnauthorizedException when the registry refuses them
     */
    public AuthConfig authenticate(AuthConfig auth) {
        Map<String, Object> body = new LinkedHashMap<>();
        put(body, "username", auth.username());
        put(body, "password", auth.password());
        put(body, "serveraddress", auth.serverAddress());
        put(body, "identitytoken", auth.identityToken());
        AuthAnswer r;
        try (ApiResponse response = transport.send(ApiRequest.post("/auth").json(body).build())) {
            // 200 with a status (and maybe a token), or 204 with no body at all, as the spec allows
            r = response.status() == 204 ? null
                    : response.readJson(Json.typeFactory().constructType(AuthAnswer.class));
        } catch (ServerErrorException e) {
            // Engines before 23 answer a refused login with 500 "login attempt ... failed with status: 401".
            if (e.daemonMessage().contains("401 Unauthorized")) {
                throw new UnauthorizedException(e.daemonMessage(), e.request());
            }
            throw e;
        }
        String token = r == null ? null : r.identityToken();
        return AuthConfig.present(token) ? AuthConfig.ofIdentityToken(token, auth.serverAddress()) : auth;
    }

    private static void put(Map<String, Object> body, String field, String value) {
        if (AuthConfig.present(value)) {
            body.put(field, value);
        }
    }

    /** {@code POST /auth}'s answer; a 204 has none. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthAnswer(@JsonProperty("Status") String status, @JsonProperty("IdentityToken") String identityToken) {
    }

    /**
     * {@code docker login [SERVER] -u USER -p PASSWORD}: checks, then stores the credentials (or the identity token
     * the registry gave) under the registry's key ({@link CredentialStore#registryKey(String)}; Docker Hub when
     * they name no server).
     *
     * @param auth the credentials and the registry's server address; empty for Docker Hub
     * @return the credentials stored
     * @throws UnauthorizedException when the registry refuses them
     * @throws dev.berth.errors.CredentialsException when the credential helper fails to store them
     */
    public AuthConfig login(AuthConfig auth) {
        String server = AuthConfig.present(auth.serverAddress()) ? CredentialStore.registryKey(auth.serverAddress())
                : CredentialStore.DOCKER_HUB;
        AuthConfig checked = authenticate(new AuthConfig(auth.username(), auth.password(), server,
                auth.identityToken()));
        credentials.store(checked);
        return checked;
    }

    /**
     * {@code docker logout SERVER}: forgets the stored credentials.
     *
     * @param registry the registry's server address, such as {@code registry.example.com}; Docker Hub for an empty one
     * @throws dev.berth.errors.CredentialsException when the credential helper fails to erase them
     */
    public void logout(String registry) {
        credentials.erase(registry);
    }

    /**
     * The credentials pulls and pushes of {@code registryOrImage} would use, if any.
     *
     * @param registryOrImage a registry host, such as {@code registry.example.com}, or an image reference, whose
     *                        registry counts
     * @return the stored or helper-provided credentials; empty when there are none
     * @throws dev.berth.errors.CredentialsException when the credential helper fails
     */
    public Optional<AuthConfig> credentialsFor(String registryOrImage) {
        return credentials.lookup(registryOrImage);
    }
}
