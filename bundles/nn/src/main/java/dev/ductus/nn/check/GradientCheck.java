package dev.ductus.nn.check;

import dev.ductus.nn.layer.Layer;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Compares analytic gradients with central finite differences, for layers and whole networks built in
 * double precision. For a single layer the loss is a fixed random linear function of the valid outputs,
 * so every output element contributes a distinct weight.
 */
public final class GradientCheck {
    /** The worst disagreement found for one parameter (or the input). */
    public record Result(String name, int checked, double maxRelativeError, double maxAbsoluteError, String worst) {
        public boolean passes(double tolerance) {
            return maxRelativeError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format("%s: %d checked, max rel %.3g, max abs %.3g at %s", name, checked,
                    maxRelativeError, maxAbsoluteError, worst);
        }
    }

    private GradientCheck() {
    }

    /**
     * Checks the gradients of {@code layer} (all parameters, and the input unless its input gradient is off)
     * on the given double-precision input. At most {@code samplesPerParam} elements of each parameter are
     * perturbed (chosen at random), all when it is smaller.
     */
    public static List<Result> checkLayer(Layer layer, Batch input, long seed, double eps, int samplesPerParam) {
        if (!input.data().isDouble()) throw new IllegalArgumentException("gradient checks need a double input");
        SplittableRandom rnd = new SplittableRandom(seed);
        Batch probe = layer.forward(input, true);
        int outSize = probe.size();
        double[] weights = new double[outSize];
        for (int i = 0; i < outSize; i++) weights[i] = rnd.nextDouble(-1, 1);
        DoubleSupplier loss = () -> linear(layer.forward(input, true), weights);
        List<Result> results = new ArrayList<>();
        for (Param p : layer.params()) p.zeroGrad();
        Batch out = layer.forward(input, true);
        Batch grad = gradientOf(out, weights);
        Batch gin = layer.backward(grad);
        for (Param p : layer.params()) {
            results.add(compare(p.name(), p.value(), p.grad(), p.size(), loss, eps, samplesPerParam, rnd, null));
        }
        if (gin != null) {
            double[] analytic = gin.data().toDoubles(input.size());
            results.add(compareInput(input, analytic, loss, eps, samplesPerParam, rnd));
        }
        return results;
    }

    /**
     * Checks parameters against a loss: {@code loss} runs a forward pass and returns the loss;
     * {@code backward} runs forward and backward so that every parameter's gradient holds d loss / d param.
     */
    public static List<Result> checkParams(List<Param> params, DoubleSupplier loss, Runnable backward, long seed,
                                           double eps, int samplesPerParam) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Param p : params) p.zeroGrad();
        backward.run();
        List<Result> results = new ArrayList<>();
        for (Param p : params) {
            double[] analytic = p.grad().toDoubles(p.size());
            results.add(compare(p.name(), p.value(), null, p.size(), loss, eps, samplesPerParam, rnd, analytic));
        }
        return results;
    }

    private static double linear(Batch out, double[] weights) {
        double s = 0;
        Tensor d = out.data();
        for (int i = 0; i < weights.length && i < out.size(); i++) s += weights[i] * d.get(i);
        return s;
    }

    private static Batch gradientOf(Batch out, double[] weights) {
        Batch g = new Batch(new Tensor(out.data().type(), out.size()));
        g.reshapeLike(out, out.channels());
        for (int i = 0; i < weights.length; i++) g.data().set(i, weights[i]);
        g.zeroPadding();
        return g;
    }

    private static Result compare(String name, Tensor value, Tensor grad, int size, DoubleSupplier loss, double eps,
                                  int samples, SplittableRandom rnd, double[] analyticCopy) {
        double[] analytic = analyticCopy != null ? analyticCopy : grad.toDoubles(size);
        int[] idx = pick(size, samples, rnd);
        double maxRel = 0;
        double maxAbs = 0;
        String worst = "-";
        for (int i : idx) {
            double v = value.get(i);
            value.set(i, v + eps);
            double lp = loss.getAsDouble();
            value.set(i, v - eps);
            double lm = loss.getAsDouble();
            value.set(i, v);
            double numeric = (lp - lm) / (2 * eps);
            double abs = Math.abs(numeric - analytic[i]);
            double rel = relative(numeric, analytic[i]);
            if (rel > maxRel) {
                maxRel = rel;
                worst = "[" + i + "] analytic " + analytic[i] + " numeric " + numeric;
            }
            maxAbs = Math.max(maxAbs, abs);
        }
        return new Result(name, idx.length, maxRel, maxAbs, worst);
    }

    private static Result compareInput(Batch input, double[] analytic, DoubleSupplier loss, double eps, int samples,
                                       SplittableRandom rnd) {
        List<Integer> validIdx = new ArrayList<>();
        boolean[] valid = new boolean[input.size()];
        for (int s = 0; s < input.n(); s++) {
            for (int y = 0; y < input.height(s); y++) {
                for (int x = 0; x < input.width(s); x++) {
                    for (int c = 0; c < input.channels(); c++) {
                        validIdx.add(input.offset(s, y, x) + c);
                        valid[input.offset(s, y, x) + c] = true;
                    }
                }
            }
        }
        int[] pick = pick(validIdx.size(), samples, rnd);
        double maxRel = 0;
        double maxAbs = 0;
        String worst = "-";
        Tensor value = input.data();
        for (int k : pick) {
            int i = validIdx.get(k);
            double v = value.get(i);
            value.set(i, v + eps);
            double lp = loss.getAsDouble();
            value.set(i, v - eps);
            double lm = loss.getAsDouble();
            value.set(i, v);
            double numeric = (lp - lm) / (2 * eps);
            double rel = relative(numeric, analytic[i]);
            if (rel > maxRel) {
                maxRel = rel;
                worst = "[" + i + "] analytic " + analytic[i] + " numeric " + numeric;
            }
            maxAbs = Math.max(maxAbs, Math.abs(numeric - analytic[i]));
        }
        // padded positions must receive no gradient
        for (int i = 0; i < input.size(); i++) {
            if (!valid[i] && analytic[i] != 0) {
                return new Result("input", pick.length, Double.POSITIVE_INFINITY, Math.abs(analytic[i]),
                        "padded element " + i + " has gradient " + analytic[i]);
            }
        }
        return new Result("input", pick.length, maxRel, maxAbs, worst);
    }

    /** Relative error that does not blow up when both values are tiny. */
    public static double relative(double a, double b) {
        double diff = Math.abs(a - b);
        if (diff < 1e-9) return 0;
        return diff / Math.max(Math.abs(a) + Math.abs(b), 1e-6);
    }

    private static int[] pick(int size, int samples, SplittableRandom rnd) {
        if (size <= samples) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) all[i] = i;
            return all;
        }
        return rnd.ints(0, size).distinct().limit(samples).toArray();
    }
}
