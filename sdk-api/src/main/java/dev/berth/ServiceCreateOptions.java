package dev.berth;

/**
 * How {@link Services#create(dev.berth.model.ServiceSpec, ServiceCreateOptions)} creates a service: the registry
 * credentials the nodes pull a private image with ({@code docker service create --with-registry-auth}).
 *
 * <pre>{@code
 * AuthConfig auth = AuthConfig.ofPassword("ci", token, "registry.example.com");
 * services.create(spec, ServiceCreateOptions.defaults().withRegistryAuth(auth));
 * }</pre>
 *
 * @param registryAuth the credentials sent to the daemon, which passes them to the nodes; never printed
 */
public record ServiceCreateOptions(AuthConfig registryAuth) {

    /**
     * @param registryAuth the credentials sent to the daemon; {@link AuthConfig#anonymous()} for none
     * @throws IllegalArgumentException when {@code registryAuth} is null
     */
    public ServiceCreateOptions {
        if (registryAuth == null) {
            throw new IllegalArgumentException("registryAuth must not be null; AuthConfig.anonymous() for none");
        }
    }

    /** {@return no credentials ({@link AuthConfig#anonymous()}): for public images} */
    public static ServiceCreateOptions defaults() {
        return new ServiceCreateOptions(AuthConfig.anonymous());
    }

    /**
     * {@return these options with the credentials for the image's registry}
     *
     * @param auth the credentials sent as {@code X-Registry-Auth}; {@link AuthConfig#anonymous()} for none
     * @throws IllegalArgumentException when {@code auth} is null
     */
    public ServiceCreateOptions withRegistryAuth(AuthConfig auth) {
        return new ServiceCreateOptions(auth);
    }
}
