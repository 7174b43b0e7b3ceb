/** Optimisers and learning-rate schedules. Exported: the bundles that build on it import this one copy. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.ductus.nn.optim;
