/**
 * Evaluation: edit distance with alignment, text normalisation, error rates (CER, WER, line accuracy, FER),
 * the side-by-side comparison of recognizers over a dataset, and its text, TSV and HTML reports; the HTML page of
 * served models with their training facts and learning curves.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.eval;
