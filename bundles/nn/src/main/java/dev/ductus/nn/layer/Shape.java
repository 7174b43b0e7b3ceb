package dev.ductus.nn.layer;

/**
 * The per-sample shape a layer sees, apart from the width (always variable): the height in rows, or
 * {@link #VARIABLE} when images of any height are accepted, and the channels per position.
 */
public record Shape(int height, int channels) {
    public static final int VARIABLE = 0;

    public Shape {
        if (height < 0 || channels <= 0) throw new IllegalArgumentException("bad shape " + height + "x" + channels);
    }

    public boolean fixedHeight() {
        return height != VARIABLE;
    }

    @Override
    public String toString() {
        return (fixedHeight() ? String.valueOf(height) : "*") + "x*x" + channels;
    }
}
