package dev.ductus.nn.optim;

import dev.ductus.nn.layer.Param;
import dev.ductus.nn.tensor.Tensor;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Updates parameters from their accumulated gradients. Its state (moments, step count) is part of a
 * checkpoint, so training resumes exactly where it stopped.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Optimizer {
    /** One update of every parameter with learning rate {@code lr}. */
    default void step(List<Param> params, double lr) {
        step(params, lr, p -> 1);
    }

    /**
     * One update of every parameter, parameter {@code p} with learning rate {@code lr * factor(p)} (parameter
     * groups: a pretrained encoder fine-tuned at a fraction of its head's rate); one step of the count.
     */
    void step(List<Param> params, double lr, ToDoubleFunction<Param> factor);

    /** Updates done so far. */
    long steps();

    /** The state tensors of a parameter (in a fixed order), allocated on first use. */
    List<Tensor> state(Param p);

    /** Restores the step count (the state tensors are written through {@link #state}). */
    void restoreSteps(long steps);

    /** "adam" or "sgd", for the checkpoint. */
    String name();
}
