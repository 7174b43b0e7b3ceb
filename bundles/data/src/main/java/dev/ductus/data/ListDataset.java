package dev.ductus.data;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import java.util.List;

/** A dataset held as a list of (lazily loaded) samples, with the warnings of the reader that made it. */
public record ListDataset(String name, String split, List<Sample> samples, List<String> warnings) implements Dataset {
    public ListDataset {
        samples = List.copyOf(samples);
        warnings = List.copyOf(warnings);
    }

    /** One line saying how many samples were read and how many skipped, for the CLI and logs. */
    public String summary() {
        return name + (split == null || split.isEmpty() ? "" : "/" + split) + ": " + samples.size() + " samples"
                + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warnings (skipped or suspicious input)");
    }
}
