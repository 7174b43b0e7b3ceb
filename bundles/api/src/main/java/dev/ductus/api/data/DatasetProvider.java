package dev.ductus.api.data;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens datasets by name: the embedded defaults ({@code cursive}, {@code digits}, {@code paragraphs}),
 * generated into the cache on first use, or a path to a line folder, an IAM tree or PAGE XML files.
 */
@ProviderType
public interface DatasetProvider {
    /** The embedded dataset names. */
    List<String> names();

    /**
     * @param nameOrPath an embedded name or a path
     * @param split {@code train}, {@code validation} or {@code test} (ignored for plain folders)
     * @throws dev.ductus.api.InputException when it cannot be found or read
     */
    Dataset open(String nameOrPath, String split);
}
