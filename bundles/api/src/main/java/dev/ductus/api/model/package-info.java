/** Optical models: from a line image to per-frame scores (HMM state likelihoods or CTC log-posteriors), and end-to-end sequence models. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.ductus.api.model;
