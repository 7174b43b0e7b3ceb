/** Diagonal-covariance Gaussian mixtures: log-likelihoods and their re-estimation. Exported: the bundles that build on it import this one copy. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.hmm.gmm;
