package dev.ductus.testsupport;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import java.util.List;

/** A dataset over samples held in memory (the data bundle's ListDataset without reader warnings). */
public record ListDataset(String name, String split, List<Sample> samples) implements Dataset {
}
