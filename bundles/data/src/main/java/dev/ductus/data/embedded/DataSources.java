package dev.ductus.data.embedded;

import dev.ductus.data.mnist.MnistSplits;
import dev.ductus.data.synth.FontCatalog;
import dev.ductus.data.text.Corpus;
import java.util.List;

/** The raw material of the embedded datasets: writers (fonts) per split, corpus documents and MNIST. */
public interface DataSources {
    FontCatalog fonts();

    List<Corpus.Document> documents();

    MnistSplits mnist();

    /** A short description of where the material comes from, for dataset.properties. */
    String describe();
}
