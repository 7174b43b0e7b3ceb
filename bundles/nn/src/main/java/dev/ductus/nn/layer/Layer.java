package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import java.util.List;

/**
 * One stage of a network with an explicit backward pass. A layer is built for an input {@link Shape} and owns
 * the buffers of its outputs and input gradients, reused from call to call: the batch returned by
 * {@link #forward} stays valid until the next forward call. Not thread-safe: each thread uses its own
 * {@link #replica()}, which shares the parameters.
 */
public interface Layer {
    /** This layer as a token of the model string, e.g. {@code conv=16:3x3}. */
    String spec();

    Shape inputShape();

    Shape outputShape();

    /** Output width (frames) for a sample of that input width. */
    default int outputWidth(int inputWidth) {
        return inputWidth;
    }

    /** Output height for a sample of that input height. */
    default int outputHeight(int inputHeight) {
        return inputHeight;
    }

    /** Runs the layer; {@code training} enables dropout and keeps what backward needs. */
    Batch forward(Batch in, boolean training);

    /**
     * Back-propagates the gradient of the loss with respect to the last output (which this call may
     * overwrite), adds the parameter gradients into {@link Param#grad()}, and returns the gradient with
     * respect to the last input, or null when input gradients are switched off.
     */
    Batch backward(Batch gradOut);

    /** The trainable parameters, in a fixed order (the order of the model file). */
    default List<Param> params() {
        return List.of();
    }

    /** Whether backward computes the input gradient (off for the first layer of a network). */
    void setInputGradient(boolean on);

    /** A copy sharing the parameters, with buffers (and random state) of its own. */
    Layer replica();

    /** Frees the native buffers now (parameters stay). */
    default void releaseBuffers() {
    }
}
