/** Network files: layers and weights, written atomically and checked against their length on read. Exported: the bundles that build on it import this one copy. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.ductus.nn.io;
