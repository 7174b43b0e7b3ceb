/** Language models with an incremental, immutable scoring state shared by every decoder. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.ductus.api.lm;
