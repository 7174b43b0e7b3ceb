package dev.ductus.attention.model;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.attention.nn.LineAttention;
import dev.ductus.ctc.decode.BestPathDecoder;
import dev.ductus.ctc.decode.PrefixBeamDecoder;
import dev.ductus.nn.io.NetworkFile;
import dev.ductus.nn.layer.Collapse;
import dev.ductus.nn.layer.Layer;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.optim.Optimizer;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A paragraph read without line segmentation: a 2-D encoder (the layers of an MDLSTM-CTC network below its
 * collapse), {@link LineAttention} in place of the collapse, one line per step, and the network's layers above
 * the collapse (its CTC head) on each line. The page is scaled by a fixed factor (so its lines come out as
 * tall as the lines the encoder was trained on) and read for at most {@code maxLines} steps; the first line that
 * decodes to nothing ends the paragraph. Each line is decoded by CTC best path, or by prefix beam search with a
 * language model. Thread-safe: each call borrows its own replicas.
 */
public final class ParagraphModel {
    public static final String SYSTEM = "attention-paragraph";
    public static final int FORMAT = 1;
    static final String SYSTEM_KEY = "paragraph.system";
    static final String FORMAT_KEY = "paragraph.format";
    static final String ALPHABET = "paragraph.alphabet";
    static final String SCALE = "paragraph.scale";
    static final String ATTENTION = "paragraph.attention";
    static final String FEATURES = "paragraph.features";
    static final String MAX_LINES = "paragraph.max.lines";
    static final String FACT = "fact.";

    private final Alphabet alphabet;
    private final double scale;
    private final int maxLines;
    private final Network network;
    private final int collapse;
    private final LineAttention attention;
    private final Map<String, String> facts;
    private final ConcurrentLinkedQueue<Worker> workers = new ConcurrentLinkedQueue<>();

    private record Worker(Network network, LineAttention attention, Batch input, Batch lines) {
    }

    public ParagraphModel(Alphabet alphabet, double scale, int maxLines, Network network, LineAttention attention,
                          Map<String, String> facts) {
        if (network.outputShape().channels() != alphabet.size() + 1) {
            throw new IllegalArgumentException("the network has " + network.outputShape().channels() + " outputs for "
                    + alphabet.size() + " symbols + blank");
        }
        this.collapse = collapseIndex(network);
        if (attention.dims().features() != network.layers().get(collapse).inputShape().channels()) {
            throw new IllegalArgumentException("line attention over " + attention.dims().features() + " channels, the map has "
                    + network.layers().get(collapse).inputShape().channels());
        }
        if (!(scale > 0) || maxLines < 1) throw new IllegalArgumentException("scale must be > 0 and max lines >= 1");
        this.alphabet = alphabet;
        this.scale = scale;
        this.maxLines = maxLines;
        this.network = network;
        this.attention = attention;
        this.facts = Map.copyOf(facts);
    }

    /** The index of the network's collapse layer, which the line attention replaces. */
    public static int collapseIndex(Network net) {
        for (int i = 0; i < net.layers().size(); i++) {
            if (net.layers().get(i) instanceof Collapse) return i;
        }
        throw new IllegalArgumentException("the network has no collapse layer to attend in place of: " + net.spec());
    }

    public Alphabet alphabet() {
        return alphabet;
    }

    public double scale() {
        return scale;
    }

    public int maxLines() {
        return maxLines;
    }

    public Network network() {
        return network;
    }

    public LineAttention attention() {
        return attention;
    }

    public Map<String, String> facts() {
        return facts;
    }

    public ParagraphModel withFacts(Map<String, String> f) {
        return new ParagraphModel(alphabet, scale, maxLines, network, attention, f);
    }

    public ModelInfo info() {
        long p = network.parameterCount();
        for (var x : attention.params()) p += x.size();
        return new ModelInfo(SYSTEM, FORMAT, alphabet, "paragraph:scale=" + String.format(Locale.ROOT, "%.4f", scale), p, facts);
    }

    /** The page scaled by the model's factor, ink 1 and paper 0, as one sample [1, h, w, 1]. */
    public static Batch encode(GrayImage page, double scale, Batch into) {
        int h = Math.max(8, (int) Math.round(page.height() * scale));
        int w = Math.max(8, (int) Math.round(page.width() * scale));
        float[] src = page.pixels();
        int w0 = page.width();
        int h0 = page.height();
        into.reshape(1, h, w, 1, new int[] {h}, new int[] {w});
        float[] v = new float[h * w];
        for (int y = 0; y < h; y++) {
            double sy = Math.min(h0 - 1, Math.max(0, (y + 0.5) * h0 / (double) h - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(h0 - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = Math.min(w0 - 1, Math.max(0, (x + 0.5) * w0 / (double) w - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(w0 - 1, x0 + 1);
                double fx = sx - x0;
                double top = src[y0 * w0 + x0] * (1 - fx) + src[y0 * w0 + x1] * fx;
                double bottom = src[y1 * w0 + x0] * (1 - fx) + src[y1 * w0 + x1] * fx;
                v[y * w + x] = (float) (1 - (top * (1 - fy) + bottom * fy));
            }
        }
        into.data().write(0, v, 0, v.length);
        return into;
    }

    /** Packs encoded pages into one batch (zero padding). */
    public static Batch assemble(List<Batch> pages, Batch into) {
        int n = pages.size();
        int[] hs = new int[n];
        int[] ws = new int[n];
        int h = 0;
        int w = 0;
        for (int s = 0; s < n; s++) {
            hs[s] = pages.get(s).height();
            ws[s] = pages.get(s).width();
            h = Math.max(h, hs[s]);
            w = Math.max(w, ws[s]);
        }
        into.reshape(n, h, w, 1, hs, ws);
        into.zero();
        float[] row = new float[w];
        for (int s = 0; s < n; s++) {
            Batch p = pages.get(s);
            for (int y = 0; y < hs[s]; y++) {
                p.data().read(p.offset(0, y, 0), row, 0, ws[s]);
                into.data().write(into.offset(s, y, 0), row, 0, ws[s]);
            }
        }
        return into;
    }

    /** Runs the layers below the collapse. */
    public static Batch below(Network net, int collapse, Batch x, boolean training) {
        Batch b = x;
        for (int i = 0; i < collapse; i++) b = net.layers().get(i).forward(b, training);
        return b;
    }

    /** Runs the layers above the collapse on the line frames. */
    public static Batch above(Network net, int collapse, Batch lines, boolean training) {
        Batch b = lines;
        for (int i = collapse + 1; i < net.layers().size(); i++) b = net.layers().get(i).forward(b, training);
        return b;
    }

    /** Back-propagates the gradient of the logits through the layers above the collapse: the line frames' gradient. */
    public static Batch aboveBackward(Network net, int collapse, Batch grad) {
        Batch g = grad;
        for (int i = net.layers().size() - 1; i > collapse && g != null; i--) g = net.layers().get(i).backward(g);
        return g;
    }

    /** Back-propagates the map's gradient through the layers below the collapse. */
    public static void belowBackward(Network net, int collapse, Batch grad) {
        Batch g = grad;
        for (int i = collapse - 1; i >= 0 && g != null; i--) g = net.layers().get(i).backward(g);
    }

    /** What a reading gives: the text (lines joined by "\n"), each line's attention map and its CTC scores. */
    public record Reading(Hypothesis hypothesis, List<double[]> maps, int mapHeight, int mapWidth) {
    }

    /** Reads a page: greedy CTC per line, or the beam decoder with the LM when both are given. */
    public Reading read(GrayImage page, PrefixBeamDecoder beam, LanguageModel lm) {
        long t0 = System.nanoTime();
        Worker wk = workers.poll();
        if (wk == null) {
            wk = new Worker(network.replica(), attention.replica(), new Batch(new Tensor(DataType.FLOAT, 1)),
                    new Batch(new Tensor(DataType.FLOAT, 1)));
        }
        try {
            Batch x = encode(page, scale, wk.input());
            Batch map = below(wk.network(), collapse, x, false);
            int mh = map.height(0);
            int mw = map.width(0);
            Batch lines = wk.attention().forward(map, new int[] {maxLines}, wk.lines());
            Batch logits = above(wk.network(), collapse, lines, false);
            int k = logits.channels();
            StringBuilder text = new StringBuilder();
            List<CharSpan> chars = new ArrayList<>();
            List<double[]> maps = new ArrayList<>();
            double score = 0;
            BestPathDecoder greedy = new BestPathDecoder();
            int read = 0;
            for (int i = 0; i < maxLines; i++) {
                int frames = logits.width(i);
                float[] sc = new float[frames * k];
                logits.data().read(logits.offset(i, 0, 0), sc, 0, frames * k);
                for (int t = 0; t < frames; t++) AttentionModel.logSoftmax(sc, t * k, k);
                FrameScores fs = new FrameScores(ScoreKind.CTC_LOG_POSTERIOR, frames, k, sc, alphabet, null,
                        FrameScores.evenPositions(frames, page.width()), page.width());
                Hypothesis line = greedy.decode(fs);
                if (line.text().isBlank()) break;
                if (beam != null && lm != null) line = beam.decode(fs, lm);
                if (read > 0) text.append('\n');
                text.append(line.text());
                for (CharSpan c : line.characters()) chars.add(new CharSpan(c.symbol(), c.x0(), c.x1(), c.t0(), c.t1(), c.confidence(), i));
                score += line.logScore();
                maps.add(wk.attention().attention(0, i));
                read++;
            }
            Notes notes = new Notes();
            notes.add("attention-paragraph", String.format(Locale.ROOT, "%d lines read (at most %d), map %dx%d", read, maxLines, mh, mw),
                    (System.nanoTime() - t0) / 1e6);
            return new Reading(new Hypothesis(text.toString(), score, chars, notes), maps, mh, mw);
        } finally {
            workers.offer(wk);
        }
    }

    public void write(Path file, Optimizer optimizer, Map<String, String> extra) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SYSTEM_KEY, SYSTEM);
        h.put(FORMAT_KEY, Integer.toString(FORMAT));
        h.put(ALPHABET, alphabet.serialize());
        h.put(SCALE, Double.toString(scale));
        h.put(ATTENTION, attention.dims().spec());
        h.put(FEATURES, Integer.toString(attention.dims().features()));
        h.put(MAX_LINES, Integer.toString(maxLines));
        for (Map.Entry<String, String> e : facts.entrySet()) h.put(FACT + e.getKey(), e.getValue());
        h.putAll(extra);
        NetworkFile.write(file, h, network, attention.params(), optimizer);
    }

    public static boolean isParagraphModel(Path file) {
        return SYSTEM.equals(NetworkFile.readHeader(file).get(SYSTEM_KEY));
    }

    public static ParagraphModel read(Path file, Optimizer optimizer, Map<String, String> extra) {
        NetworkFile.Contents c = NetworkFile.read(file, DataType.FLOAT, optimizer, (h, budget) -> {
            if (!SYSTEM.equals(h.get(SYSTEM_KEY)) || h.get(ATTENTION) == null || h.get(FEATURES) == null || h.get(ALPHABET) == null) {
                throw new IllegalArgumentException("not a paragraph attention model (no system, alphabet or attention in the header)");
            }
            int format = Integer.parseInt(h.getOrDefault(FORMAT_KEY, "1"));
            if (format > FORMAT) throw new IllegalArgumentException("paragraph model format " + format + ", this build reads up to " + FORMAT);
            LineAttention.Dims dims = LineAttention.Dims.parse(h.get(ATTENTION), Integer.parseInt(h.get(FEATURES)));
            if (dims.parameterCount() > budget) {
                throw new IllegalArgumentException("the line attention needs " + dims.parameterCount() + " parameters, the file holds at most " + budget);
            }
            return LineAttention.params(DataType.FLOAT, dims);
        });
        Map<String, String> h = c.header();
        Map<String, String> facts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : h.entrySet()) {
            if (e.getKey().startsWith(FACT)) facts.put(e.getKey().substring(FACT.length()), e.getValue());
            else if (extra != null && !e.getKey().startsWith("paragraph.") && !e.getKey().startsWith("nn.")) extra.put(e.getKey(), e.getValue());
        }
        try {
            LineAttention.Dims dims = LineAttention.Dims.parse(h.get(ATTENTION), Integer.parseInt(h.get(FEATURES)));
            int maxLines = Integer.parseInt(h.getOrDefault(MAX_LINES, "12"));
            if (maxLines < 1 || maxLines > 200) throw new IllegalArgumentException("max lines " + maxLines + " outside 1..200");
            return new ParagraphModel(Alphabet.parse(h.get(ALPHABET)), Double.parseDouble(h.get(SCALE)), maxLines, c.network(),
                    LineAttention.of(DataType.FLOAT, dims, c.extra()), facts);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InputException(file.toString(), "inconsistent paragraph model: " + e.getMessage(), e);
        }
    }

    /** Layers of the network, for tools that inspect them. */
    public List<Layer> layers() {
        return network.layers();
    }
}
