package dev.ductus.api.lm;

/** The natural-log probability of a token after a history, and the history that follows it. */
public record LmScore(double logProb, LmState next) {
}
