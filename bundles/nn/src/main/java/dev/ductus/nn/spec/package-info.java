/** Model strings (e.g. conv=16:3x3,pool=2x2,blstm=128) parsed into layer specifications. Exported: the bundles that build on it import this one copy. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.nn.spec;
