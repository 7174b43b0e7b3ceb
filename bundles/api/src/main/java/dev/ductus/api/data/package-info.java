/** Datasets of line or paragraph samples with their ground truth. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.api.data;
