/** The explain verb: what a model reads in a line, as an HTML page; {@link dev.ductus.ctc.explain.ModelExplainer} lets other systems explain theirs. Exported: the attention systems register explainers. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.ctc.explain;
