package dev.berth;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Services#update(String, long, dev.berth.model.ServiceSpec, ServiceUpdateOptions)} updates a service:
 * the registry credentials for a new private image ({@code docker service update --with-registry-auth}). By default
 * none are sent, and the nodes keep the ones the service was created with.
 *
 * <pre>{@code
 * services.update(id, version, spec, ServiceUpdateOptions.defaults().withRegistryAuth(auth));
 * }</pre>
 */
public final class ServiceUpdateOptions {
    private static final ServiceUpdateOptions DEFAULTS = new ServiceUpdateOptions(null);

    private final AuthConfig registryAuth;

    private ServiceUpdateOptions(AuthConfig registryAuth) {
        this.registryAuth = registryAuth;
    }

    /** {@return no new credentials: the service keeps those it has} */
    public static ServiceUpdateOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@return these options with new credentials for the image's registry}
     *
     * @param auth the credentials sent as {@code X-Registry-Auth}; {@link AuthConfig#anonymous()} for none
     * @throws IllegalArgumentException when {@code auth} is null
     */
    public ServiceUpdateOptions withRegistryAuth(AuthConfig auth) {
        if (auth == null) {
            throw new IllegalArgumentException("registry auth must not be null");
        }
        return new ServiceUpdateOptions(auth);
    }

    /** {@return the new credentials, if any} */
    public Optional<AuthConfig> registryAuth() {
        return Optional.ofNullable(registryAuth);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ServiceUpdateOptions u && Objects.equals(u.registryAuth, registryAuth);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(registryAuth);
    }

    /** {@code ServiceUpdateOptions[registryAuth=...]}, the credentials masked. */
    @Override
    public String toString() {
        return "ServiceUpdateOptions[registryAuth=" + (registryAuth == null ? "(kept)" : registryAuth) + "]";
    }
}
