/**
 * Berth, a Java client for the Docker Engine API: {@code Docker}, one class per API area, and the options of their
 * calls. Requiring it brings the records ({@code dev.berth.model}) and the transport ({@code dev.berth.transport},
 * {@code dev.berth.errors}), which its signatures use.
 */
module dev.berth {
    requires transitive dev.berth.model;
    requires transitive dev.berth.transport;
    // JSpecify's nullness annotations in the signatures, for the users' tools; not needed at run time.
    requires static transitive org.jspecify;
    requires org.apache.commons.compress;
    requires org.slf4j;

    exports dev.berth;

    // Jackson reads the area classes' private answer records (Images.PruneAnswer, ...) and writes AuthConfig.
    opens dev.berth to com.fasterxml.jackson.databind;
}
