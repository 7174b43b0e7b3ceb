package dev.ductus.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed PAGE XML file: the page image it describes (resolved against the XML's folder; may not exist),
 * the image size it declares, its namespace and its text lines in document order.
 */
public record PageDocument(Path xml, Path image, String imageFilename, int width, int height, String namespace,
                           List<PageLine> lines) {
    public PageDocument {
        lines = List.copyOf(lines);
    }
}
