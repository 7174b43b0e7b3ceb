/** Sliding-window feature extraction: a normalised line image becomes a sequence of feature frames. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.api.features;
