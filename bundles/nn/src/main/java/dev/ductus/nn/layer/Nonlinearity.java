package dev.ductus.nn.layer;

/**
 * Element-wise activation functions whose derivative can be computed from the output alone, so layers keep
 * only their output for the backward pass.
 */
public enum Nonlinearity {
    NONE("linear"), RELU("relu"), LEAKY("leaky"), TANH("tanh"), SIGMOID("sigmoid");

    /** Slope of the leaky ReLU for negative inputs (PyTorch's default, used by the CRNN peer). */
    public static final double LEAKY_SLOPE = 0.01;

    private final String token;

    Nonlinearity(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Nonlinearity parse(String s) {
        for (Nonlinearity n : values()) {
            if (n.token.equals(s)) return n;
        }
        throw new IllegalArgumentException("unknown activation '" + s + "' (linear, relu, leaky, tanh, sigmoid)");
    }

    public double apply(double x) {
        return switch (this) {
            case NONE -> x;
            case RELU -> x > 0 ? x : 0;
            case LEAKY -> x > 0 ? x : LEAKY_SLOPE * x;
            case TANH -> tanh(x);
            case SIGMOID -> sigmoid(x);
        };
    }

    /** d output / d input, from the output y = apply(x). */
    public double derivativeFromOutput(double y) {
        return switch (this) {
            case NONE -> 1;
            case RELU -> y > 0 ? 1 : 0;
            case LEAKY -> y > 0 ? 1 : LEAKY_SLOPE;
            case TANH -> 1 - y * y;
            case SIGMOID -> y * (1 - y);
        };
    }

    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * tanh through the exp intrinsic: Math.tanh is not an intrinsic and costs several times more, which
     * showed in the LSTM gate loops. Exact in exact arithmetic; the rounding difference is below float's.
     */
    public static double tanh(double x) {
        if (x > 20) return 1;
        if (x < -20) return -1;
        if (Math.abs(x) < 1e-4) return x - x * x * x / 3;
        double e = Math.exp(2 * x);
        return (e - 1) / (e + 1);
    }
}
