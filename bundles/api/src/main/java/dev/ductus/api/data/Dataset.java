package dev.ductus.api.data;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A named split of samples, e.g. {@code cursive/test}. */
@ProviderType
public interface Dataset {
    String name();

    String split();

    List<Sample> samples();

    default int size() {
        return samples().size();
    }

    /** Warnings for samples that were skipped while reading (malformed transcriptions, missing images). */
    default List<String> warnings() {
        return List.of();
    }
}
