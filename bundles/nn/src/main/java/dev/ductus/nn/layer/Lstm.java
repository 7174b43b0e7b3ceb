package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Parallel;
import dev.ductus.nn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * An LSTM over the frames of a sequence batch (height 1), forward only or bidirectional (outputs of the
 * forward then the backward direction concatenated per frame). Sequences of different lengths are masked:
 * each direction starts and ends at a sample's own frames.
 */
public final class Lstm extends BaseLayer {
    private final int hidden;
    private final boolean bidirectional;
    private final LstmDirection[] dirs;
    private final Tensor xT;
    private final Tensor dH;
    private final Tensor dxT;

    public Lstm(DataType type, Shape input, int hidden, boolean bidirectional) {
        this(type, input, hidden, bidirectional, bidirectional
                ? new LstmDirection[] {new LstmDirection(type, input.channels(), hidden, false, "fw."),
                        new LstmDirection(type, input.channels(), hidden, true, "bw.")}
                : new LstmDirection[] {new LstmDirection(type, input.channels(), hidden, false, "")});
    }

    private Lstm(DataType type, Shape input, int hidden, boolean bidirectional, LstmDirection[] dirs) {
        super(type, input, new Shape(1, hidden * (bidirectional ? 2 : 1)));
        if (input.fixedHeight() && input.height() != 1) {
            throw new IllegalArgumentException("an LSTM reads sequences (height 1), got height " + input.height());
        }
        this.hidden = hidden;
        this.bidirectional = bidirectional;
        this.dirs = dirs;
        xT = new Tensor(type, 1);
        dH = new Tensor(type, 1);
        dxT = new Tensor(type, 1);
    }

    @Override
    public String spec() {
        return (bidirectional ? "blstm=" : "lstm=") + hidden;
    }

    public void initialize(SplittableRandom rnd) {
        for (LstmDirection d : dirs) d.initialize(rnd);
    }

    @Override
    public List<Param> params() {
        List<Param> ps = new ArrayList<>();
        for (LstmDirection d : dirs) ps.addAll(List.of(d.wx, d.wh, d.bias));
        return ps;
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        checkInput(x);
        if (x.height() != 1) throw new IllegalArgumentException(spec() + ": input must have height 1, got " + x.height());
        in = x;
        int n = x.n();
        int frames = x.width();
        int c = x.channels();
        xT.ensure(frames * n * c);
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < frames; t++) xT.copyFrom(x.data(), (s * frames + t) * c, (t * n + s) * c, c);
        }
        int width = hidden * dirs.length;
        out.reshapeLike(x, width);
        for (LstmDirection d : dirs) d.project(xT, frames, n, x.widths());
        if (dirs.length == 2) Parallel.both(dirs[0]::recur, dirs[1]::recur);
        else dirs[0].recur();
        for (int k = 0; k < dirs.length; k++) {
            LstmDirection d = dirs[k];
            Tensor h = d.hidden();
            for (int s = 0; s < n; s++) {
                for (int t = 0; t < frames; t++) out.data().copyFrom(h, d.hOffset(t, s), (s * frames + t) * width + k * hidden, hidden);
            }
        }
        return out;
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        int n = in.n();
        int frames = in.width();
        int c = in.channels();
        int width = hidden * dirs.length;
        dH.ensure(frames * n * width);
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < frames; t++) dH.copyFrom(g.data(), (s * frames + t) * width, (t * n + s) * width, width);
        }
        if (inputGradient) dxT.ensure(frames * n * c);
        if (dirs.length == 2) {
            Parallel.both(() -> dirs[0].recurBackward(dH, width, 0), () -> dirs[1].recurBackward(dH, width, hidden));
        } else {
            dirs[0].recurBackward(dH, width, 0);
        }
        for (int k = 0; k < dirs.length; k++) dirs[k].gradients(xT, inputGradient ? dxT : null, k == 0);
        if (!inputGradient) return null;
        gradIn.reshapeLike(in, c);
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < frames; t++) gradIn.data().copyFrom(dxT, (t * n + s) * c, (s * frames + t) * c, c);
        }
        gradIn.zeroPadding();
        return gradIn;
    }

    @Override
    public Layer replica() {
        LstmDirection[] copies = new LstmDirection[dirs.length];
        for (int k = 0; k < dirs.length; k++) copies[k] = dirs[k].sharing();
        Lstm l = new Lstm(type, inputShape, hidden, bidirectional, copies);
        l.setInputGradient(inputGradient);
        return l;
    }

    @Override
    public void releaseBuffers() {
        super.releaseBuffers();
        for (LstmDirection d : dirs) d.release();
        xT.release();
        dH.release();
        dxT.release();
    }
}
