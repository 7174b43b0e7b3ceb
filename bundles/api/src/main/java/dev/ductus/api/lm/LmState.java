package dev.ductus.api.lm;

/**
 * The history a language model conditions on, as an immutable value: cheap to keep in many beam entries,
 * safe to share between threads, and equal (with equal hash codes) exactly when two histories are
 * indistinguishable to the model, so decoders can recombine hypotheses on it.
 */
public interface LmState {
}
