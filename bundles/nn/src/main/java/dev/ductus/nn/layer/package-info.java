/** Network layers (dense, convolution, pooling, LSTM, BLSTM) and the builder that stacks them from a model string. Exported: the bundles that build on it import this one copy. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.nn.layer;
