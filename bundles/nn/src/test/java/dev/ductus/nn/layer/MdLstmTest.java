package dev.ductus.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.nn.check.GradientCheck;
import dev.ductus.nn.loss.CtcLoss;
import dev.ductus.nn.mdlstm.ScanDirection;
import dev.ductus.nn.spec.ModelSpec;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The 2-D LSTM: finite-difference gradients in every direction, a brute-force raster-order reference, the
 * 1-D LSTM it must reduce to on a one-row image, masking, the float path against the double one, and the
 * model-string grammar.
 */
class MdLstmTest {
    private static final DataType D = DataType.DOUBLE;
    private static final ScanDirection[] ALL = ScanDirection.values();

    /** A layer with random biases too, so that no gate sits at a special value. */
    private static MdLstm layer(DataType type, int in, int hidden, ScanDirection[] dirs, boolean sum, long seed) {
        MdLstm l = new MdLstm(type, new Shape(0, in), hidden, dirs, sum);
        SplittableRandom rnd = new SplittableRandom(seed);
        l.initialize(rnd);
        Initialization.glorotUniform(l.bias(), 4, 4, rnd);
        l.setInputGradient(true);
        return l;
    }

    private static Batch images(DataType type, int channels, long seed) {
        return TestBatches.random(type, new int[] {3, 4, 2}, new int[] {4, 2, 5}, channels, seed);
    }

    @Test
    void gradientsInEveryDirectionAndTogether() {
        for (ScanDirection d : ALL) check(layer(D, 2, 3, new ScanDirection[] {d}, false, 1 + d.ordinal()));
        check(layer(D, 2, 3, ALL, false, 7));
        check(layer(D, 3, 2, ALL, true, 8));
    }

    private static void check(MdLstm l) {
        List<GradientCheck.Result> results = GradientCheck.checkLayer(l, images(D, l.inputShape().channels(), 3), 11, 1e-5, 120);
        for (GradientCheck.Result r : results) assertTrue(r.passes(1e-6), l.spec() + " " + r);
        assertEquals(4, results.size(), "wx, wh, bias and the input are checked");
    }

    @Test
    void equalsRasterOrderReferenceInEveryDirection() {
        MdLstm l = layer(D, 2, 3, ALL, false, 5);
        Batch x = images(D, 2, 4);
        Batch y = l.forward(x, false);
        for (int s = 0; s < x.n(); s++) {
            for (int d = 0; d < ALL.length; d++) {
                double[][][] ref = reference(l, d, x, s);
                for (int yy = 0; yy < x.height(); yy++) {
                    for (int xx = 0; xx < x.width(); xx++) {
                        for (int j = 0; j < 3; j++) {
                            double expect = x.valid(s, yy, xx) ? ref[yy][xx][j] : 0;
                            assertEquals(expect, y.get(s, yy, xx, d * 3 + j), 1e-12, ALL[d] + " sample " + s + " at " + yy + "," + xx);
                        }
                    }
                }
            }
        }
    }

    /** Direction d of one sample computed cell by cell in raster order of its own orientation. */
    private static double[][][] reference(MdLstm l, int d, Batch x, int s) {
        return referenceStates(l, d, x, s)[0];
    }

    /** The reference's outputs and cell states: [0][y][x][unit] and [1][y][x][unit]. */
    private static double[][][][] referenceStates(MdLstm l, int d, Batch x, int s) {
        int hs = x.height(s);
        int ws = x.width(s);
        int h = l.hidden();
        int cin = x.channels();
        int g5 = 5 * h;
        ScanDirection dir = l.directions().get(d);
        double[][][] hid = new double[hs][ws][h];
        double[][][] cell = new double[hs][ws][h];
        Tensor wx = l.inputWeights().value();
        Tensor wh = l.recurrentWeights().value();
        Tensor b = l.bias().value();
        for (int i = 0; i < hs; i++) {
            for (int j = 0; j < ws; j++) {
                int y = dir.flipY() ? hs - 1 - i : i;
                int xx = dir.flipX() ? ws - 1 - j : j;
                int yUp = dir.flipY() ? y + 1 : y - 1;
                int xLeft = dir.flipX() ? xx + 1 : xx - 1;
                double[] z = new double[g5];
                for (int q = 0; q < g5; q++) {
                    z[q] = b.get(d * g5 + q);
                    for (int c = 0; c < cin; c++) z[q] += x.get(s, y, xx, c) * wx.get((d * cin + c) * g5 + q);
                    for (int k = 0; k < h; k++) {
                        double hUp = i > 0 ? hid[yUp][xx][k] : 0;
                        double hLeft = j > 0 ? hid[y][xLeft][k] : 0;
                        z[q] += hUp * wh.get((d * 2 * h + k) * g5 + q) + hLeft * wh.get((d * 2 * h + h + k) * g5 + q);
                    }
                }
                for (int k = 0; k < h; k++) {
                    double in = sig(z[k]);
                    double fy = sig(z[h + k]);
                    double fx = sig(z[2 * h + k]);
                    double g = Math.tanh(z[3 * h + k]);
                    double o = sig(z[4 * h + k]);
                    double c = in * g + (i > 0 ? fy * cell[yUp][xx][k] : 0) + (j > 0 ? fx * cell[y][xLeft][k] : 0);
                    c = Math.max(-1e6, Math.min(1e6, c));
                    cell[y][xx][k] = c;
                    hid[y][xx][k] = o * Math.tanh(c);
                }
            }
        }
        return new double[][][][] {hid, cell};
    }

    private static double sig(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void oneRowImageThroughOneDirectionEqualsAnLstm() {
        int in = 3;
        int h = 4;
        MdLstm md = layer(D, in, h, new ScanDirection[] {ScanDirection.TL}, false, 9);
        Lstm lstm = new Lstm(D, new Shape(1, in), h, false);
        // LSTM gates i, f, g, o = the MDLSTM's i, fx, g, o; its recurrence = the left predecessor's rows of wh
        int[] gateMap = {0, 2, 3, 4};
        Param wx = lstm.params().get(0);
        Param wh = lstm.params().get(1);
        Param b = lstm.params().get(2);
        for (int gate = 0; gate < 4; gate++) {
            for (int j = 0; j < h; j++) {
                int to = gate * h + j;
                int from = gateMap[gate] * h + j;
                for (int c = 0; c < in; c++) wx.value().set(c * 4 * h + to, md.inputWeights().value().get(c * 5 * h + from));
                for (int k = 0; k < h; k++) wh.value().set(k * 4 * h + to, md.recurrentWeights().value().get((h + k) * 5 * h + from));
                b.value().set(to, md.bias().value().get(from));
            }
        }
        Batch x = TestBatches.random(D, new int[] {1, 1}, new int[] {7, 4}, in, 12);
        Batch a = md.forward(x, false);
        Batch e = lstm.forward(x, false);
        assertEquals(e.size(), a.size());
        for (int i = 0; i < a.size(); i++) assertEquals(e.data().get(i), a.data().get(i), 1e-12, "element " + i);
    }

    @Test
    void batchedEqualsOneAtATime() {
        MdLstm l = layer(D, 2, 3, ALL, false, 13);
        Batch x = images(D, 2, 14);
        Batch all = l.forward(x, false);
        double[] batched = all.data().toDoubles(all.size());
        int hPad = all.height();
        int wPad = all.width();
        int c = all.channels();
        for (int s = 0; s < x.n(); s++) {
            Batch one = l.forward(TestBatches.sample(x, s), false);
            for (int yy = 0; yy < one.height(); yy++) {
                for (int xx = 0; xx < one.width(); xx++) {
                    for (int k = 0; k < c; k++) {
                        assertEquals(one.get(0, yy, xx, k), batched[((s * hPad + yy) * wPad + xx) * c + k], 1e-12);
                    }
                }
            }
        }
    }

    /**
     * Forget gates open (bias 10: each ~1, summing to 2) and input gates open on a constant input: the unbounded cell
     * would be the number of monotone paths to it, C(y + x, y), which overflows floats (3.4e38) beyond about 64 x 64.
     */
    private static MdLstm exploding(DataType type, long seed) {
        MdLstm l = layer(type, 1, 2, new ScanDirection[] {ScanDirection.values()[0]}, false, seed);
        int h = 2;
        for (int q = 0; q < 5 * h; q++) l.bias().value().set(q, q < 3 * h || q >= 4 * h ? 10 : 3);
        return l;
    }

    @Test
    void cellStatesStayBoundedWhereTheForgetGatesSumAboveOne() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            MdLstm l = exploding(type, 31);
            Batch x = TestBatches.random(type, new int[] {80}, new int[] {90}, 1, 2);
            Batch y = l.forward(x, true);
            for (int i = 0; i < y.size(); i++) assertTrue(Double.isFinite(y.data().get(i)), type + " output " + i + " " + y.data().get(i));
            double[][][] ref = reference(l, 0, x, 0);
            for (int yy = 0; yy < 80; yy += 7) {
                for (int xx = 0; xx < 90; xx += 7) {
                    for (int j = 0; j < 2; j++) assertEquals(ref[yy][xx][j], y.get(0, yy, xx, j), 1e-5, type + " at " + yy + "," + xx);
                }
            }
            Batch g = new Batch(new Tensor(type, 1)).reshapeLike(y, y.channels());
            SplittableRandom rnd = new SplittableRandom(4);
            for (int i = 0; i < g.size(); i++) g.data().set(i, rnd.nextDouble(-1, 1));
            Batch dx = l.backward(g);
            for (int i = 0; i < dx.size(); i++) assertTrue(Double.isFinite(dx.data().get(i)), type + " input gradient " + i);
            for (Param p : l.params()) {
                for (int i = 0; i < p.size(); i++) assertTrue(Double.isFinite(p.grad().get(i)), type + " " + p.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void gradientsWhereCellsReachTheirBound() {
        // 12 x 14: C(24, 12) = 2.7e6 paths, so the cells of the last anti-diagonals sit at the bound
        MdLstm l = exploding(D, 33);
        Batch x = TestBatches.random(D, new int[] {12}, new int[] {14}, 1, 6);
        l.forward(x, false);
        List<GradientCheck.Result> results = GradientCheck.checkLayer(l, x, 11, 1e-5, 120);
        // the states near 1e6 cost the central differences some digits
        for (GradientCheck.Result r : results) assertTrue(r.passes(1e-5), r.toString());
        assertEquals(4, results.size());
        assertEquals(1e6, Math.abs(referenceStates(l, 0, x, 0)[1][11][13][0]), 0, "the last cell sits at the bound");
    }

    @Test
    void floatPathEqualsDoublePath() {
        for (boolean sum : new boolean[] {false, true}) {
            MdLstm d = layer(DataType.DOUBLE, 3, 5, ALL, sum, 21);
            MdLstm f = layer(DataType.FLOAT, 3, 5, ALL, sum, 21);
            int[] hs = {6, 3, 5};
            int[] ws = {9, 4, 11};
            Batch xd = TestBatches.random(DataType.DOUBLE, hs, ws, 3, 5);
            Batch xf = TestBatches.random(DataType.FLOAT, hs, ws, 3, 5);
            Batch yd = d.forward(xd, true);
            Batch yf = f.forward(xf, true);
            for (int i = 0; i < yd.size(); i++) assertEquals(yd.data().get(i), yf.data().get(i), 1e-5, "forward " + i);
            SplittableRandom rnd = new SplittableRandom(9);
            Batch gd = new Batch(new Tensor(DataType.DOUBLE, 1)).reshapeLike(yd, yd.channels());
            Batch gf = new Batch(new Tensor(DataType.FLOAT, 1)).reshapeLike(yf, yf.channels());
            for (int i = 0; i < yd.size(); i++) {
                double v = rnd.nextDouble(-1, 1);
                gd.data().set(i, v);
                gf.data().set(i, v);
            }
            gd.zeroPadding();
            gf.zeroPadding();
            Batch bd = d.backward(gd);
            Batch bf = f.backward(gf);
            for (int i = 0; i < bd.size(); i++) assertEquals(bd.data().get(i), bf.data().get(i), 1e-4, "input gradient " + i);
            for (int p = 0; p < 3; p++) {
                Param pd = d.params().get(p);
                Param pf = f.params().get(p);
                for (int j = 0; j < pd.size(); j++) {
                    assertEquals(pd.grad().get(j), pf.grad().get(j), 1e-4 * Math.max(1, Math.abs(pd.grad().get(j))), pd.name() + "[" + j + "]");
                }
            }
        }
    }

    @Test
    void modelStringOfThePapersArchitecture() {
        String spec = "block=2x2,mdlstm=2,dropout=0.25,conv=6:2x4:s=2x4:tanh,mdlstm=10,dropout=0.25,conv=20:2x4:tanh,"
                + "mdlstm=50,dropout=0.5,collapse,dense=80";
        Network net = new NetworkBuilder(DataType.FLOAT, 1).build(new Shape(48, 1), ModelSpec.parse(spec));
        assertEquals(spec, net.spec());
        long expected = (4 * 40 + 2 * 4 * 2 * 10 + 40)          // mdlstm=2 on 4 channels
                + (2 * 4 * 8 * 6 + 6)                            // conv 6
                + (6 * 200 + 4 * 20 * 50 + 200)                  // mdlstm=10
                + (2 * 4 * 40 * 20 + 20)                         // conv 20
                + (20 * 1000 + 4 * 100 * 250 + 1000)             // mdlstm=50
                + (200 * 80 + 80);                               // dense
        assertEquals(expected, net.parameterCount());
        assertEquals(new Shape(1, 80), net.outputShape());
        assertEquals(11, net.layers().get(7).inputShape().height());   // 48 -> 24 -> 12 -> 11
        assertEquals(49, net.outputWidth(400));                         // 400 -> 200 -> 50 -> 49
        Network other = new NetworkBuilder(DataType.FLOAT, 1).build(new Shape(0, 2), ModelSpec.parse("mdlstm=3:sum:br+tl"));
        assertEquals("mdlstm=3:sum:tl+br", other.spec());
        assertEquals(new Shape(0, 3), other.outputShape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkBuilder(DataType.FLOAT, 1).build(new Shape(0, 2), ModelSpec.parse("mdlstm=3:tl+up")));
        assertTrue(e.getMessage().contains("mdlstm=3:tl+up") && e.getMessage().contains("'up'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new NetworkBuilder(DataType.FLOAT, 1).build(new Shape(0, 2), ModelSpec.parse("mdlstm=0")));
    }

    @Test
    void papersArchitectureInMiniatureWithCtc() {
        Network net = new NetworkBuilder(D, 3).build(new Shape(8, 1),
                ModelSpec.parse("block=2x2,mdlstm=2,conv=3:2x2:s=2x2:tanh,mdlstm=3,conv=4:2x2:tanh,mdlstm=2:sum,collapse,dense=4"));
        Batch x = TestBatches.random(D, new int[] {8, 8}, new int[] {24, 17}, 1, 4);
        int[][] labels = {{1, 2, 2}, {3}};
        CtcLoss ctc = new CtcLoss(0);
        Batch grad = new Batch(new Tensor(D, 1));
        List<GradientCheck.Result> results = GradientCheck.checkParams(net.params(),
                () -> ctc.compute(net.forward(x, true), labels, CtcLoss.Reduction.MEAN, null).loss(),
                () -> {
                    ctc.compute(net.forward(x, true), labels, CtcLoss.Reduction.MEAN, grad);
                    net.backward(grad);
                }, 17, 1e-6, 30);
        for (GradientCheck.Result r : results) assertTrue(r.passes(1e-5), r.toString());
    }
}
