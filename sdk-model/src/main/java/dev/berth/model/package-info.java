/**
 * What the Docker Engine API takes and returns, as immutable Java values: data only, no I/O. The classes carry
 * Jackson's annotations; reading and writing them is {@code sdk-transport}'s work, and {@code sdk-api}'s calls
 * return and take them.
 *
 * <p><b>Answers</b> are records named for what the daemon describes: {@link ContainerDetails}
 * ({@code docker inspect}), {@link ContainerSummary} ({@code docker ps}), {@link ImageDetails}, {@link NetworkDetails},
 * {@link VolumeDetails}, {@link ServiceDetails}, {@link SystemInfo} ({@code docker info}), ... Their components
 * carry the Engine API's field names ({@code @JsonProperty}) and are documented as the API defines the fields, with
 * the API version that adds or changes one where it matters.
 * <ul>
 *   <li>A list or map the daemon left out reads as an empty one, not null, unless its description says otherwise:
 *       the constructors copy them, unmodifiable.</li>
 *   <li>Nothing is null unless it is {@code @Nullable} (the package is {@code @NullMarked}): a component the daemon
 *       may leave out is, and its description says when it is null.</li>
 *   <li>The records of the daemon's objects keep every field they do not model in {@code extras()}, as the daemon
 *       sent it, so that what a newer daemon adds is not lost.</li>
 *   <li>Those that carry environment variables, labels or options mask secret-looking values (names holding
 *       {@code PASSWORD}, {@code SECRET}, {@code TOKEN}, {@code KEY}, ...) as {@code ***} in {@code toString()}.</li>
 * </ul>
 *
 * <p><b>Requests</b> are immutable specs, made with a builder or factory methods that check each argument as the CLI
 * does and throw an {@link IllegalArgumentException} naming it: {@link ContainerSpec} ({@code docker run}),
 * {@link ServiceSpec} ({@code docker service create}), {@link NetworkSpec} ({@code docker network create}) and
 * {@link VolumeSpec} ({@code docker volume create}).
 *
 * <p>The bodies and answers cover Engine API 1.41 (Docker 20.10) and later.
 */
@NullMarked
package dev.berth.model;

import org.jspecify.annotations.NullMarked;
