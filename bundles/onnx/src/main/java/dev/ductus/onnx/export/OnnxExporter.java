package dev.ductus.onnx.export;

import dev.ductus.api.InputException;
import dev.ductus.ctc.input.PixelEncoder;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.nn.layer.Activation;
import dev.ductus.nn.layer.Collapse;
import dev.ductus.nn.layer.Columns;
import dev.ductus.nn.layer.Conv2d;
import dev.ductus.nn.layer.Dense;
import dev.ductus.nn.layer.Dropout;
import dev.ductus.nn.layer.LayerNorm;
import dev.ductus.nn.layer.Layer;
import dev.ductus.nn.layer.LogSoftmax;
import dev.ductus.nn.layer.Lstm;
import dev.ductus.nn.layer.MaxPool;
import dev.ductus.nn.layer.MdLstm;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.Nonlinearity;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.onnx.proto.OnnxGraph;
import dev.ductus.onnx.proto.OnnxGraph.Attribute;
import dev.ductus.onnx.serve.OnnxMetadata;
import dev.ductus.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Ductus CTC pixel model (CRNN: convolutions, pooling, activations, columns or collapse, (B)LSTM, dense, layer
 * norm) as an ONNX graph of standard operators. The graph reads {@code pixels} [N, 1, H, W] (the Ductus pixel
 * encoding: ink 1, paper 0; N and W variable) and writes {@code log_probs} [T, N, C] (log-softmax, class 0 the blank),
 * and carries the alphabet, input and chain as {@link OnnxMetadata}, so the file serves without configuration.
 *
 * <p>Layout: Ductus maps are NHWC and ONNX's NCHW, so weights are permuted ([kh, kw, in, out] to [out, in, kh, kw]);
 * {@code columns} puts feature (y, c) at y * C + c, hence Transpose [W, N, H, C] before the Reshape. LSTM gates are
 * i, f, g, o in Ductus ([in, 4h] weights, one bias) and i, o, f, c in ONNX ([4h, in] weights, input and recurrent
 * biases): the blocks are reordered and the recurrent bias is zero. Dropout is the identity at inference and is left out.
 */
public final class OnnxExporter {
    /** Ductus gate block (i, f, g, o) of each ONNX gate block (i, o, f, c). */
    private static final int[] GATE_FROM_DUCTUS = {0, 3, 1, 2};

    private enum Form { MAP, SEQUENCE }

    private OnnxGraph g;
    private String x;
    private Form form;
    private int height;
    private int channels;

    /** Writes the model's graph to {@code target} atomically. */
    public static void export(CtcModel model, String source, Path target) {
        byte[] bytes = new OnnxExporter().toOnnx(model, source);
        try {
            AtomicFiles.write(target, out -> out.write(bytes));
        } catch (IOException e) {
            throw new InputException(target.toString(), "cannot write the ONNX file: " + e.getMessage(), e);
        }
    }

    /**
     * The ModelProto bytes.
     *
     * @throws InputException naming {@code source} for a feature model or a layer with no standard ONNX form
     */
    public byte[] toOnnx(CtcModel model, String source) {
        if (!model.inputSpec().startsWith(PixelEncoder.PREFIX)) {
            throw new InputException(source, "the model reads features '" + model.inputSpec()
                    + "'; only pixel models (CRNN) export to ONNX");
        }
        Network net = model.network();
        for (Layer l : net.layers()) {
            if (l instanceof MdLstm) {
                throw new InputException(source, "layer '" + l.spec() + "': a multi-dimensional LSTM has no standard ONNX "
                        + "form (ONNX's LSTM scans one axis); MDLSTM models are not exported");
            }
        }
        g = new OnnxGraph("ductus-" + model.system());
        height = net.inputShape().height();
        channels = net.inputShape().channels();
        if (height <= 0 || channels != 1) {
            throw new InputException(source, "the network reads " + net.inputShape() + "; ONNX export needs a fixed height and 1 channel");
        }
        g.input("pixels", "N", 1, height, "W");
        x = "pixels";
        form = Form.MAP;
        for (Layer l : net.layers()) {
            try {
                layer(l);
            } catch (IllegalArgumentException e) {
                throw new InputException(source, "layer '" + l.spec() + "': " + e.getMessage());
            }
        }
        toSequence();
        g.nodeWithOutput("LogSoftmax", List.of(x), "log_probs", Attribute.of("axis", 2L));
        g.output("log_probs", "T", "N", channels);
        g.metadata(OnnxMetadata.ALPHABET, model.alphabet().serialize());
        g.metadata(OnnxMetadata.BLANK, "0");
        g.metadata(OnnxMetadata.INPUT, model.inputSpec());
        String chain = model.facts().get("chain");
        if (chain != null && !chain.isBlank()) g.metadata(OnnxMetadata.CHAIN, chain.trim());
        g.metadata(OnnxMetadata.OUTPUT, "log-softmax");
        g.metadata(OnnxMetadata.LAYOUT, "TNC");
        g.metadata(OnnxMetadata.SYSTEM, model.system());
        g.metadata(OnnxMetadata.SPEC, net.spec());
        g.metadata(OnnxMetadata.PARAMETERS, Long.toString(net.parameterCount()));
        return g.toModel("ductus", "0.1.0", "Ductus " + model.system() + " " + net.spec());
    }

    private void layer(Layer l) {
        if (l instanceof Conv2d c) conv(c);
        else if (l instanceof MaxPool p) pool(ModelSpec.parse(p.spec()).tokens().get(0).value());
        else if (l instanceof Activation a) activation(Nonlinearity.parse(a.spec().substring("act=".length())));
        else if (l instanceof Columns) columns();
        else if (l instanceof Collapse) collapse();
        else if (l instanceof Lstm lstm) lstm(lstm);
        else if (l instanceof Dense d) dense(d);
        else if (l instanceof LayerNorm n) norm(n);
        else if (l instanceof LogSoftmax) x = g.node("LogSoftmax", List.of(x), Attribute.of("axis", form == Form.MAP ? 1L : 2L));
        else if (!(l instanceof Dropout)) throw new IllegalArgumentException("is not exported (export supports conv, pool, act, "
                + "columns, collapse, lstm, blstm, dense, norm, dropout, logsoftmax)");
    }

    /** {@code conv=F:KHxKW[:s=SYxSX][:ACT][,pool=PHxPW]}: stride 1 pads (k - 1) / 2 each side, a larger stride none. */
    private void conv(Conv2d c) {
        requireMap();
        String spec = c.spec();
        String pool = null;
        int comma = spec.indexOf(",pool=");
        if (comma >= 0) {
            pool = spec.substring(comma + ",pool=".length());
            spec = spec.substring(0, comma);
        }
        String[] parts = spec.substring("conv=".length()).split(":");
        int[] k = ModelSpec.pair(parts[1], "kernel");
        int[] s = {1, 1};
        for (int i = 2; i < parts.length; i++) {
            if (parts[i].startsWith("s=")) s = ModelSpec.pair(parts[i].substring(2), "stride");
        }
        int filters = c.outputShape().channels();
        int in = c.inputShape().channels();
        float[] w = values(c.weight());
        float[] oihw = new float[w.length];
        for (int ky = 0; ky < k[0]; ky++) {
            for (int kx = 0; kx < k[1]; kx++) {
                for (int ci = 0; ci < in; ci++) {
                    for (int f = 0; f < filters; f++) {
                        oihw[((f * in + ci) * k[0] + ky) * k[1] + kx] = w[((ky * k[1] + kx) * in + ci) * filters + f];
                    }
                }
            }
        }
        long py = s[0] == 1 ? (k[0] - 1) / 2 : 0;
        long px = s[1] == 1 ? (k[1] - 1) / 2 : 0;
        String wName = g.floats("conv_w", new long[] {filters, in, k[0], k[1]}, oihw);
        String bName = g.floats("conv_b", new long[] {filters}, values(c.bias()));
        x = g.node("Conv", List.of(x, wName, bName), Attribute.ints("kernel_shape", k[0], k[1]),
                Attribute.ints("strides", s[0], s[1]), Attribute.ints("pads", py, px, py, px));
        channels = filters;
        height = Math.max(1, (int) ((height + 2 * py - k[0]) / s[0] + 1));
        activation(c.nonlinearity());
        if (pool != null) pool(pool);
    }

    /** {@code KHxKW[:s=SYxSX]}, no padding, floor. */
    private void pool(String value) {
        requireMap();
        String[] parts = value.split(":");
        int[] k = ModelSpec.pair(parts[0], "window");
        int[] s = parts.length > 1 ? ModelSpec.pair(parts[1].substring(2), "stride") : k;
        x = g.node("MaxPool", List.of(x), Attribute.ints("kernel_shape", k[0], k[1]), Attribute.ints("strides", s[0], s[1]));
        height = Math.max(1, (height - k[0]) / s[0] + 1);
    }

    private void activation(Nonlinearity a) {
        switch (a) {
            case NONE -> { }
            case RELU -> x = g.node("Relu", List.of(x));
            case LEAKY -> x = g.node("LeakyRelu", List.of(x), Attribute.of("alpha", (float) Nonlinearity.LEAKY_SLOPE));
            case TANH -> x = g.node("Tanh", List.of(x));
            case SIGMOID -> x = g.node("Sigmoid", List.of(x));
        }
    }

    /** [N, C, H, W] to [W, N, H * C], feature (y, c) at y * C + c as Ductus' columns layer. */
    private void columns() {
        requireMap();
        x = g.node("Transpose", List.of(x), Attribute.ints("perm", 3, 0, 2, 1));
        x = g.node("Reshape", List.of(x, g.int64s("shape", 0, 0, -1)));
        channels = height * channels;
        height = 1;
        form = Form.SEQUENCE;
    }

    /** Sum over the rows: [N, C, H, W] to [W, N, C]. */
    private void collapse() {
        requireMap();
        x = g.node("ReduceSum", List.of(x, g.int64s("axes", 2)), Attribute.of("keepdims", 0L));
        x = g.node("Transpose", List.of(x), Attribute.ints("perm", 2, 0, 1));
        height = 1;
        form = Form.SEQUENCE;
    }

    /** A map of height 1 as a sequence (a sequence layer reading it directly). */
    private void toSequence() {
        if (form == Form.SEQUENCE) return;
        if (height != 1) throw new IllegalArgumentException("the network ends on a map of height " + height + ", not a sequence");
        columns();
    }

    private void lstm(Lstm l) {
        toSequence();
        List<Param> ps = l.params();
        int dirs = ps.size() / 3;
        int in = l.inputShape().channels();
        int h = l.outputShape().channels() / dirs;
        float[] w = new float[dirs * 4 * h * in];
        float[] r = new float[dirs * 4 * h * h];
        float[] b = new float[dirs * 8 * h];
        for (int d = 0; d < dirs; d++) {
            float[] wx = values(ps.get(3 * d));
            float[] wh = values(ps.get(3 * d + 1));
            float[] bias = values(ps.get(3 * d + 2));
            for (int gate = 0; gate < 4; gate++) {
                int from = GATE_FROM_DUCTUS[gate] * h;
                for (int j = 0; j < h; j++) {
                    int row = (d * 4 + gate) * h + j;
                    for (int i = 0; i < in; i++) w[row * in + i] = wx[i * 4 * h + from + j];
                    for (int i = 0; i < h; i++) r[row * h + i] = wh[i * 4 * h + from + j];
                    b[d * 8 * h + gate * h + j] = bias[from + j];
                }
            }
        }
        String wName = g.floats("lstm_w", new long[] {dirs, 4L * h, in}, w);
        String rName = g.floats("lstm_r", new long[] {dirs, 4L * h, h}, r);
        String bName = g.floats("lstm_b", new long[] {dirs, 8L * h}, b);
        String y = g.node("LSTM", List.of(x, wName, rName, bName), Attribute.of("hidden_size", (long) h),
                Attribute.of("direction", dirs == 2 ? "bidirectional" : "forward"));
        // Y is [T, dirs, N, h]: forward then backward per frame, as Ductus concatenates them
        y = g.node("Transpose", List.of(y), Attribute.ints("perm", 0, 2, 1, 3));
        x = g.node("Reshape", List.of(y, g.int64s("shape", 0, 0, -1)));
        channels = dirs * h;
    }

    private void dense(Dense d) {
        int units = d.outputShape().channels();
        String w = g.floats("dense_w", new long[] {channels, units}, values(d.weight()));
        String b = g.floats("dense_b", new long[] {units}, values(d.bias()));
        channelsLast(() -> {
            x = g.node("MatMul", List.of(x, w));
            x = g.node("Add", List.of(x, b));
        });
        channels = units;
        activation(d.nonlinearity());
    }

    private void norm(LayerNorm n) {
        List<Param> ps = n.params();
        String gain = g.floats("norm_gain", new long[] {channels}, values(ps.get(0)));
        String bias = g.floats("norm_bias", new long[] {channels}, values(ps.get(1)));
        channelsLast(() -> x = g.node("LayerNormalization", List.of(x, gain, bias), Attribute.of("axis", -1L),
                Attribute.of("epsilon", 1e-5f)));
    }

    /** Runs an operation over the last axis; a map is turned NHWC for it and back. */
    private void channelsLast(Runnable op) {
        if (form == Form.SEQUENCE) {
            op.run();
            return;
        }
        x = g.node("Transpose", List.of(x), Attribute.ints("perm", 0, 2, 3, 1));
        op.run();
        x = g.node("Transpose", List.of(x), Attribute.ints("perm", 0, 3, 1, 2));
    }

    private void requireMap() {
        if (form != Form.MAP) throw new IllegalArgumentException("a 2-D layer after the sequence layers has no ONNX form here");
    }

    private static float[] values(Param p) {
        return p.value().toFloats(p.size());
    }
}
