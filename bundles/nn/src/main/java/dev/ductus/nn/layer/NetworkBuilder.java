package dev.ductus.nn.layer;

import dev.ductus.nn.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/** Builds and initialises a {@link Network} from a {@link ModelSpec} for an input shape. */
public final class NetworkBuilder {
    private final DataType type;
    private final SplittableRandom random;

    public NetworkBuilder(DataType type, long seed) {
        this(type, seed, Long.MAX_VALUE);
    }

    /**
     * @param maxParameters the most parameter values the network may have: a layer that would pass it is refused
     *                      before its arrays are allocated (a model file bounds it by its length)
     */
    public NetworkBuilder(DataType type, long seed, long maxParameters) {
        this.type = type;
        this.random = new SplittableRandom(seed);
        this.maxParameters = maxParameters;
    }

    private final long maxParameters;
    private long parameters;

    /** Counts a layer's parameters before it is made; refuses the model string past {@code maxParameters}. */
    private void reserve(long... sizes) {
        long n = 0;
        try {
            for (long size : sizes) n = Math.addExact(n, size);
            parameters = Math.addExact(parameters, n);
        } catch (ArithmeticException e) {
            parameters = Long.MAX_VALUE;
        }
        if (parameters > maxParameters) {
            throw new IllegalArgumentException("the network would have " + (parameters == Long.MAX_VALUE ? "more than 2^63" : parameters)
                    + " parameters, more than the " + maxParameters + " allowed");
        }
    }

    private static long times(long... factors) {
        long p = 1;
        try {
            for (long f : factors) p = Math.multiplyExact(p, f);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return p;
    }

    /** @throws IllegalArgumentException naming the token that cannot be built */
    public Network build(Shape input, ModelSpec spec) {
        List<Layer> layers = new ArrayList<>();
        Shape shape = input;
        List<ModelSpec.Token> tokens = spec.tokens();
        for (int ti = 0; ti < tokens.size(); ti++) {
            ModelSpec.Token t = tokens.get(ti);
            try {
                int[] pool = t.name().equals("conv") && ti + 1 < tokens.size() ? fusablePool(tokens.get(ti + 1)) : null;
                if (pool != null) {
                    Conv2d c = conv(shape, t, pool[0], pool[1]);
                    layers.add(c);
                    shape = c.outputShape();
                    ti++;
                    continue;
                }
                if ((t.name().equals("lstm") || t.name().equals("blstm")) && shape.height() != 1) {
                    Layer cols = new Columns(type, shape);
                    layers.add(cols);
                    shape = cols.outputShape();
                }
                Layer l = layer(shape, t);
                layers.add(l);
                shape = l.outputShape();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model string token '" + t + "' (input " + shape + "): "
                        + e.getMessage(), e);
            }
        }
        return new Network(type, input, layers);
    }

    private Layer layer(Shape in, ModelSpec.Token t) {
        String[] parts = t.value().isEmpty() ? new String[0] : t.value().split(":");
        switch (t.name()) {
            case "conv":
                return conv(in, t, 0, 0);
            case "pool": {
                need(parts.length >= 1, "expected pool=KHxKW[:s=SYxSX]");
                int[] k = ModelSpec.pair(parts[0], "window");
                int[] s = k;
                if (parts.length > 1) {
                    need(parts[1].startsWith("s="), "expected :s=SYxSX");
                    s = ModelSpec.pair(parts[1].substring(2), "stride");
                }
                return new MaxPool(type, in, k[0], k[1], s[0], s[1]);
            }
            case "lstm":
            case "blstm": {
                long h = positive(t.value());
                reserve(times(t.name().equals("blstm") ? 2 : 1, 4 * h, in.channels() + h + 1));
                Lstm l = new Lstm(type, in, positive(t.value()), t.name().equals("blstm"));
                l.initialize(random);
                return l;
            }
            case "dense": {
                need(parts.length >= 1, "expected dense=N[:ACT]");
                Nonlinearity act = parts.length > 1 ? Nonlinearity.parse(parts[1]) : Nonlinearity.NONE;
                reserve(times(in.channels() + 1, positive(parts[0])));
                Dense d = new Dense(type, in, positive(parts[0]), act);
                if (act == Nonlinearity.RELU || act == Nonlinearity.LEAKY) Initialization.heNormal(d.weight(), in.channels(), random);
                else Initialization.glorotUniform(d.weight(), in.channels(), d.outputShape().channels(), random);
                return d;
            }
            case "dropout":
                return new Dropout(type, in, rate(t.value()), random.nextLong());
            case "norm":
                reserve(times(2, in.channels()));
                return new LayerNorm(type, in);
            case "act":
                return new Activation(type, in, Nonlinearity.parse(t.value()));
            case "collapse":
                return new Collapse(type, in);
            case "columns":
                return new Columns(type, in);
            case "logsoftmax":
                return new LogSoftmax(type, in);
            case "window":
                return new FrameWindow(type, in, nonNegative(t.value()));
            case "block": {
                int[] b = ModelSpec.pair(t.value(), "block");
                return new BlockSubsample(type, in, b[0], b[1]);
            }
            case "mdlstm":
                return mdlstm(in, parts);
            default:
                throw new IllegalArgumentException("unknown layer '" + t.name()
                        + "' (conv, pool, lstm, blstm, dense, dropout, norm, act, collapse, columns, logsoftmax, window, block, mdlstm)");
        }
    }

    /** {@code mdlstm=N[:sum][:DIRS]}: 4 directions concatenated unless told otherwise (DIRS e.g. tl+br). */
    private Layer mdlstm(Shape in, String[] parts) {
        need(parts.length >= 1, "expected mdlstm=N[:sum][:tl+tr+bl+br]");
        boolean sum = false;
        dev.ductus.nn.mdlstm.ScanDirection[] dirs = dev.ductus.nn.mdlstm.ScanDirection.values();
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals("sum")) sum = true;
            else dirs = dev.ductus.nn.mdlstm.ScanDirection.parse(parts[i]);
        }
        long h = positive(parts[0]);
        reserve(times(dirs.length, 5 * h, in.channels() + 2 * h + 1));
        MdLstm l = new MdLstm(type, in, positive(parts[0]), dirs, sum);
        l.initialize(random);
        return l;
    }

    /** A pool token with stride = window directly after a convolution is fused into it: {kh, kw}, else null. */
    private static int[] fusablePool(ModelSpec.Token t) {
        if (!t.name().equals("pool") || t.value().contains(":")) return null;
        try {
            return ModelSpec.pair(t.value(), "window");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Conv2d conv(Shape in, ModelSpec.Token t, int poolH, int poolW) {
        String[] parts = t.value().isEmpty() ? new String[0] : t.value().split(":");
        need(parts.length >= 2, "expected conv=F:KHxKW[:s=SYxSX][:ACT]");
        int filters = positive(parts[0]);
        int[] k = ModelSpec.pair(parts[1], "kernel");
        int[] s = {1, 1};
        Nonlinearity act = Nonlinearity.LEAKY;
        for (int i = 2; i < parts.length; i++) {
            if (parts[i].startsWith("s=")) s = ModelSpec.pair(parts[i].substring(2), "stride");
            else act = Nonlinearity.parse(parts[i]);
        }
        need(poolH >= 0 && poolW >= 0, "bad pooling window");
        reserve(times(k[0], k[1], in.channels(), filters), filters);
        Conv2d c = new Conv2d(type, in, filters, k[0], k[1], s[0], s[1], act, poolH, poolW);
        if (act == Nonlinearity.RELU || act == Nonlinearity.LEAKY) Initialization.heNormal(c.weight(), c.fanIn(), random);
        else Initialization.glorotUniform(c.weight(), c.fanIn(), filters, random);
        return c;
    }

    private static void need(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    private static int positive(String s) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v > 0) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("expected a positive integer, got '" + s + "'");
    }

    private static int nonNegative(String s) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v >= 0) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("expected an integer >= 0, got '" + s + "'");
    }

    private static double rate(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a rate in [0, 1), got '" + s + "'");
        }
    }
}
