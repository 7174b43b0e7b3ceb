/** The MDLSTM-CTC architecture. Exported: the paragraph attention trainer starts from the same model string. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.ctc.mdlstm;
