/**
 * Berth's records: what the Docker Engine API answers and the bodies Berth sends. Data only, no I/O.
 *
 * <p>The qualified exports and opens name modules this one does not read (dev.berth, Jackson's databind), which javac
 * reports as "module not found" when it compiles this module alone: hence the suppressed {@code module} lint.
 */
@SuppressWarnings("module")
module dev.berth.model {
    // The records carry Jackson's annotations: a module compiled against them needs the annotation types too.
    requires transitive com.fasterxml.jackson.annotation;
    // JSpecify's nullness annotations in the signatures, for the users' tools; not needed at run time.
    requires static transitive org.jspecify;

    exports dev.berth.model;
    // Masking: the client's options mask secrets in toString the way the records do. Not API.
    exports dev.berth.model.internal to dev.berth;

    // Jackson reads and writes the records reflectively (record constructors, private fields, @JsonAnySetter).
    opens dev.berth.model to com.fasterxml.jackson.databind;
}
