package dev.ductus.api.decode;

/**
 * One recognised character: the symbol, the image columns it covers [x0, x1) in the (preprocessed) image the
 * scores came from, the frames [t0, t1), its confidence in [0, 1], and the line it is on (0 for a single line).
 * The hypothesis' {@link Hypothesis#placement placement} of that line maps the columns onto the input image.
 */
public record CharSpan(String symbol, int x0, int x1, int t0, int t1, double confidence, int line) {
}
