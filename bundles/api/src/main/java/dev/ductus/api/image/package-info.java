/** Images and the preprocessing stages: grayscale line/page images, preprocessors, line segmentation and image loading. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.ductus.api.image;
