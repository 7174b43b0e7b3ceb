/** CTC training: options, the trainer loop. Exported: the attention trainer reads the same options. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.ctc.train;
