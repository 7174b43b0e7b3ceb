/** Command-line verbs contributed by bundles to bin/ductus and the Gogo shell. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.api.cli;
