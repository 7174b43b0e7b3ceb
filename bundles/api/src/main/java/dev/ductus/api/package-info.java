/** Common types shared by every stage: input errors naming the file, stage notes, boxes and the service property names that select stages. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package dev.ductus.api;
