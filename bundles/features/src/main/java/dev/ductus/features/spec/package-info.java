/** Feature specifications (e.g. handcrafted:w=3,s=3,deltas=1) parsed and canonicalised. Exported: the bundles that build on it import this one copy. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.features.spec;
