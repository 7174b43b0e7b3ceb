package dev.ductus.nn.optim;

import dev.ductus.nn.layer.Param;
import dev.ductus.nn.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Stochastic gradient descent with (optionally Nesterov) momentum and L2 weight decay. */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final Map<Param, List<Tensor>> velocity = new IdentityHashMap<>();
    private long steps;

    public Sgd(double momentum, boolean nesterov, double weightDecay) {
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public List<Tensor> state(Param p) {
        return velocity.computeIfAbsent(p, k -> List.of(new Tensor(p.value().type(), p.size())));
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void restoreSteps(long s) {
        steps = s;
    }

    @Override
    public void step(List<Param> params, double rate, ToDoubleFunction<Param> factor) {
        steps++;
        for (Param p : params) {
            double lr = rate * factor.applyAsDouble(p);
            Tensor w = p.value();
            Tensor g = p.grad();
            Tensor v = state(p).get(0);
            double wd = p.decays() ? weightDecay : 0;
            for (int i = 0; i < p.size(); i++) {
                double gi = g.get(i) + wd * w.get(i);
                double vi = momentum * v.get(i) + gi;
                v.set(i, vi);
                w.set(i, w.get(i) - lr * (nesterov ? gi + momentum * vi : vi));
            }
        }
    }
}
