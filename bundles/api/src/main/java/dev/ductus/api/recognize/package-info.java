/** Recognizers: assembled pipelines, from an image to a hypothesis. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.api.recognize;
