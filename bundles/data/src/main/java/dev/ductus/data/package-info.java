/**
 * Dataset readers and writers for the formats Ductus reads and writes: line folders ({@code ID.png} +
 * {@code ID.gt.txt}), IAM ({@code ascii/lines.txt} + line images) and PAGE XML (2013 and 2019), and the
 * writers of recognised text as PAGE XML and plain text. The readers load images lazily through an
 * {@link dev.ductus.api.image.ImageLoader}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.ductus.data;
