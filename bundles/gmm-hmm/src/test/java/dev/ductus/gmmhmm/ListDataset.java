package dev.ductus.gmmhmm;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import java.util.List;

/** A dataset over a list of samples. */
public record ListDataset(String name, String split, List<Sample> samples) implements Dataset {
}
