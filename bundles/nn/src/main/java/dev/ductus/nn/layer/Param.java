package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A trainable array with its gradient. The gradient accumulates over backward passes until
 * {@link #zeroGrad()}; replicas of a network share the value and keep their own gradient.
 */
public final class Param {
    private final String name;
    private final int[] shape;
    private final int size;
    private final Tensor value;
    private final Tensor grad;
    private final boolean decays;

    public Param(String name, DataType type, boolean decays, int... shape) {
        this(name, new Tensor(type, Arrays.stream(shape).reduce(1, Math::multiplyExact)), decays, shape);
    }

    private Param(String name, Tensor value, boolean decays, int... shape) {
        this.name = name;
        this.shape = shape.clone();
        this.size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        this.value = value;
        this.grad = new Tensor(value.type(), size);
        this.decays = decays;
    }

    /** A parameter with the same value memory and a gradient of its own. */
    public Param sharing() {
        return new Param(name, value, decays, shape);
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return size;
    }

    public Tensor value() {
        return value;
    }

    public Tensor grad() {
        return grad;
    }

    /** Whether weight decay applies (weights yes, biases and normalisation gains no). */
    public boolean decays() {
        return decays;
    }

    public void zeroGrad() {
        grad.zero(0, size);
    }

    /** The value as a rows x cols matrix (the first two dimensions folded as the layer documents). */
    public org.nd4j.linalg.api.ndarray.INDArray matrix(int rows, int cols) {
        if ((long) rows * cols != size) throw new IllegalArgumentException(name + ": " + rows + "x" + cols + " != " + size);
        return value.matrix(rows, cols);
    }

    public org.nd4j.linalg.api.ndarray.INDArray gradMatrix(int rows, int cols) {
        if ((long) rows * cols != size) throw new IllegalArgumentException(name + ": " + rows + "x" + cols + " != " + size);
        return grad.matrix(rows, cols);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
