package dev.ductus.nn.optim;

import dev.ductus.nn.layer.Param;
import dev.ductus.nn.tensor.Tensor;
import java.util.List;

/**
 * Updates parameters from their accumulated gradients. Its state (moments, step count) is part of a
 * checkpoint, so training resumes exactly where it stopped.
 */
public interface Optimizer {
    /** One update of every parameter with learning rate {@code lr}. */
    void step(List<Param> params, double lr);

    /** Updates done so far. */
    long steps();

    /** The state tensors of a parameter (in a fixed order), allocated on first use. */
    List<Tensor> state(Param p);

    /** Restores the step count (the state tensors are written through {@link #state}). */
    void restoreSteps(long steps);

    /** "adam" or "sgd", for the checkpoint. */
    String name();
}
