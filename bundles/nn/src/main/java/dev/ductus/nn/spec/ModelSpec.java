package dev.ductus.nn.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A network described as a string (Calamari style): comma-separated layer tokens, e.g.
 * {@code conv=16:3x3,pool=2x2,conv=32:3x3,pool=2x2,blstm=128,blstm=128,dropout=0.5}.
 * <pre>
 * conv=F:KHxKW[:s=SYxSX][:ACT]   convolution, F filters; stride 1 pads "same"; ACT default leaky
 * pool=KHxKW[:s=SYxSX]           max pooling, stride = window by default
 * lstm=H | blstm=H               (bidirectional) LSTM over frames, H units per direction
 * dense=N[:ACT]                  per-position fully connected layer, ACT default linear
 * dropout=P                      inverted dropout with rate P
 * norm                           layer normalisation over channels
 * act=ACT                        element-wise activation: linear, relu, leaky, tanh, sigmoid
 * collapse                       sum over height (any height) -> sequence
 * columns                        concatenate the rows of each column (fixed height) -> sequence
 * logsoftmax                     log-softmax over channels
 * window=K                       frames t-K..t+K concatenated (sequences; MLP frame classifiers)
 * block=BHxBW                    BH x BW blocks of positions folded into channels (input subsampling)
 * mdlstm=N[:sum][:DIRS]          2-D LSTM, N cells per scanning direction; DIRS of tl, tr, bl, br joined by
 *                                '+' (default all four); outputs concatenated (D*N channels) or summed (N)
 * </pre>
 * A recurrent layer after a 2-D map of fixed height gets {@code columns} inserted before it. The output layer
 * (dense to the classes) is appended by the system that owns the network, not written here.
 */
public record ModelSpec(List<Token> tokens) {
    /** One layer token: name and the text after '=' (empty when none). */
    public record Token(String name, String value) {
        @Override
        public String toString() {
            return value.isEmpty() ? name : name + "=" + value;
        }
    }

    public ModelSpec {
        tokens = List.copyOf(tokens);
    }

    /** @throws IllegalArgumentException naming the bad token */
    public static ModelSpec parse(String s) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("empty model string");
        List<Token> out = new ArrayList<>();
        for (String raw : s.split(",")) {
            String t = raw.trim();
            if (t.isEmpty()) throw new IllegalArgumentException("empty token in model string '" + s + "'");
            int eq = t.indexOf('=');
            String name = (eq < 0 ? t : t.substring(0, eq)).trim().toLowerCase(java.util.Locale.ROOT);
            String value = eq < 0 ? "" : t.substring(eq + 1).trim();
            if (!name.matches("[a-z0-9]+")) throw new IllegalArgumentException("bad layer name in token '" + t + "'");
            out.add(new Token(name, value));
        }
        return new ModelSpec(out);
    }

    public ModelSpec append(String token) {
        List<Token> more = new ArrayList<>(tokens);
        more.addAll(parse(token).tokens());
        return new ModelSpec(more);
    }

    /** Parses "AxB" into {a, b}. */
    public static int[] pair(String s, String context) {
        String[] p = s.toLowerCase(java.util.Locale.ROOT).split("x");
        if (p.length != 2) throw new IllegalArgumentException(context + ": expected AxB, got '" + s + "'");
        try {
            return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(context + ": expected AxB, got '" + s + "'");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (sb.length() > 0) sb.append(',');
            sb.append(t);
        }
        return sb.toString();
    }
}
