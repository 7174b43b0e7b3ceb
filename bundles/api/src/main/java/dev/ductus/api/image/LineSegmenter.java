package dev.ductus.api.image;

import dev.ductus.api.Notes;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Cuts a paragraph (page region) image into its text lines, top to bottom. Thread-safe. */
@ProviderType
public interface LineSegmenter {
    List<LineRegion> segment(GrayImage page, Notes notes);
}
