package dev.ductus.ctc.input;

/**
 * A line as network input: {@code height x width x channels} values (row-major), and for every input column
 * the x position in the line image it came from, so frames can point back into the image.
 */
public record EncodedLine(int height, int width, int channels, float[] values, float[] columnX, int imageWidth) {
    public EncodedLine {
        if (values.length != height * width * channels) {
            throw new IllegalArgumentException(values.length + " values for " + height + "x" + width + "x" + channels);
        }
        if (columnX.length != width) throw new IllegalArgumentException(columnX.length + " column positions for width " + width);
    }

    /**
     * Image x of the centres of {@code frames} output frames spread evenly over the input columns (the
     * network reduces the width by a constant factor), interpolated through the column positions.
     */
    public float[] frameX(int frames) {
        float[] x = new float[frames];
        for (int t = 0; t < frames; t++) {
            double col = (t + 0.5) * width / frames - 0.5;
            int c0 = (int) Math.floor(col);
            double a = col - c0;
            if (c0 < 0) x[t] = columnX[0];
            else if (c0 >= width - 1) x[t] = columnX[width - 1];
            else x[t] = (float) (columnX[c0] * (1 - a) + columnX[c0 + 1] * a);
        }
        return x;
    }
}
