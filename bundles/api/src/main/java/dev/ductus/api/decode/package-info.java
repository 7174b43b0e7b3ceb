/** Decoders turn frame scores (and a language model) into a hypothesis with per-character positions and confidences. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.ductus.api.decode;
