/** A program that uses Berth as a module, as an application on the module path would: see ModulePathTest. */
module dev.berth.examples.modular {
    requires dev.berth;
}
