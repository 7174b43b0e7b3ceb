package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/** Shapes, the output and input-gradient buffers and the last input: what every layer keeps. */
abstract class BaseLayer implements Layer {
    protected final DataType type;
    protected final Shape inputShape;
    protected final Shape outputShape;
    protected final Batch out;
    protected final Batch gradIn;
    protected Batch in;
    protected boolean inputGradient = true;

    protected BaseLayer(DataType type, Shape inputShape, Shape outputShape) {
        this.type = type;
        this.inputShape = inputShape;
        this.outputShape = outputShape;
        this.out = new Batch(new Tensor(type, 1));
        this.gradIn = new Batch(new Tensor(type, 1));
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public void setInputGradient(boolean on) {
        inputGradient = on;
    }

    @Override
    public void releaseBuffers() {
        out.data().release();
        gradIn.data().release();
    }

    protected void checkInput(Batch b) {
        if (b.channels() != inputShape.channels()) {
            throw new IllegalArgumentException(spec() + ": expected " + inputShape.channels() + " channels, got "
                    + b.channels());
        }
        if (inputShape.fixedHeight() && b.height() != inputShape.height()) {
            throw new IllegalArgumentException(spec() + ": expected height " + inputShape.height() + ", got "
                    + b.height());
        }
    }

    protected void checkBackward(Batch g) {
        if (in == null) throw new IllegalStateException(spec() + ": backward before forward");
        if (!g.sameSizes(out) || g.channels() != out.channels()) {
            throw new IllegalArgumentException(spec() + ": gradient " + g + " does not match output " + out);
        }
    }
}
