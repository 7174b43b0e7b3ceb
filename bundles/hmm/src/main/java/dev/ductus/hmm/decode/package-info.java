/** Token-passing Viterbi decoding over character HMMs with a lexicon and an n-gram language model. Exported: the bundles that build on it import this one copy. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.hmm.decode;
