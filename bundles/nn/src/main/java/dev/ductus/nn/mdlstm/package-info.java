/** Multi-dimensional LSTM: 2-D scans in four directions over raw pixels. Exported: the bundles that build on it import this one copy. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.nn.mdlstm;
