package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A stack of layers with its canonical model string. Not thread-safe; {@link #replica()} gives another
 * thread its own buffers over the same parameters.
 */
public final class Network {
    private final DataType type;
    private final Shape input;
    private final List<Layer> layers;
    private final List<Param> params;

    public Network(DataType type, Shape input, List<Layer> layers) {
        if (layers.isEmpty()) throw new IllegalArgumentException("a network needs at least one layer");
        this.type = type;
        this.input = input;
        this.layers = List.copyOf(layers);
        List<Param> ps = new ArrayList<>();
        for (Layer l : this.layers) ps.addAll(l.params());
        this.params = Collections.unmodifiableList(ps);
        this.layers.get(0).setInputGradient(false);
    }

    public DataType type() {
        return type;
    }

    public Shape inputShape() {
        return input;
    }

    public Shape outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The model string of all layers, as built (including inserted reshapes). */
    public String spec() {
        StringBuilder sb = new StringBuilder();
        for (Layer l : layers) {
            if (sb.length() > 0) sb.append(',');
            sb.append(l.spec());
        }
        return sb.toString();
    }

    public List<Param> params() {
        return params;
    }

    public long parameterCount() {
        long n = 0;
        for (Param p : params) n += p.size();
        return n;
    }

    /** Whether the first layer computes its input gradient (off by default: inputs are data). */
    public void setInputGradient(boolean on) {
        layers.get(0).setInputGradient(on);
    }

    public Batch forward(Batch x, boolean training) {
        Batch b = x;
        for (Layer l : layers) b = l.forward(b, training);
        return b;
    }

    /** Back-propagates the loss gradient of the last output; returns the input gradient or null. */
    public Batch backward(Batch grad) {
        Batch g = grad;
        for (int i = layers.size() - 1; i >= 0 && g != null; i--) g = layers.get(i).backward(g);
        return g;
    }

    public void zeroGrad() {
        for (Param p : params) p.zeroGrad();
    }

    public int outputWidth(int inputWidth) {
        int w = inputWidth;
        for (Layer l : layers) w = l.outputWidth(w);
        return w;
    }

    public int outputHeight(int inputHeight) {
        int h = inputHeight;
        for (Layer l : layers) h = l.outputHeight(h);
        return h;
    }

    public Network replica() {
        List<Layer> copies = new ArrayList<>();
        for (Layer l : layers) copies.add(l.replica());
        Network n = new Network(type, input, copies);
        n.layers.get(0).setInputGradient(layers.get(0) instanceof BaseLayer b && b.inputGradient);
        return n;
    }

    public void releaseBuffers() {
        for (Layer l : layers) l.releaseBuffers();
    }
}
