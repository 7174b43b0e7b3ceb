package dev.ductus.api.image;

/**
 * The reference lines of a text line image, as rows from the top: ascenders reach up to {@code top}, the
 * lower-case body lies between {@code coreTop} (the mean line) and {@code baseline}, descenders go down to
 * {@code bottom}. Feature extractors use the zones (upper / core / lower) the lines define.
 */
public record LineGeometry(int top, int coreTop, int baseline, int bottom) {
    public LineGeometry {
        if (!(top <= coreTop && coreTop <= baseline && baseline <= bottom)) {
            throw new IllegalArgumentException("expected top <= coreTop <= baseline <= bottom, got " + top + ", "
                    + coreTop + ", " + baseline + ", " + bottom);
        }
    }

    public int coreHeight() {
        return baseline - coreTop;
    }
}
