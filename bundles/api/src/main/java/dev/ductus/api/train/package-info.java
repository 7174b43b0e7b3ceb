/** Training: requests, progress events and results. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.ductus.api.train;
