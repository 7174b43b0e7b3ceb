package dev.ductus.store;

/**
 * A loaded model and the version it was loaded from, published together: a request that reads one
 * {@code Served} scores with that model and reports that version, whatever is swapped in meanwhile.
 */
public record Served<M>(M model, ModelVersion version) {
}
