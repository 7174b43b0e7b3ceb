package dev.ductus.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ductus.nn.tensor.Batch;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Layers against brute-force references, and batching against one sample at a time. */
class LayerReferenceTest {
    private static final DataType D = DataType.DOUBLE;

    @Test
    void convolutionEqualsDirectSum() {
        int cin = 2;
        int f = 3;
        Conv2d conv = new Conv2d(D, new Shape(0, cin), f, 3, 3, 1, 1, Nonlinearity.NONE);
        Initialization.heNormal(conv.weight(), conv.fanIn(), new SplittableRandom(1));
        Initialization.heNormal(conv.bias(), 3, new SplittableRandom(2));
        Batch x = TestBatches.random(D, new int[] {4}, new int[] {5}, cin, 3);
        Batch y = conv.forward(x, false);
        for (int oy = 0; oy < 4; oy++) {
            for (int ox = 0; ox < 5; ox++) {
                for (int o = 0; o < f; o++) {
                    double sum = conv.bias().value().get(o);
                    for (int dy = 0; dy < 3; dy++) {
                        for (int dx = 0; dx < 3; dx++) {
                            int iy = oy + dy - 1;
                            int ix = ox + dx - 1;
                            if (iy < 0 || ix < 0 || iy >= 4 || ix >= 5) continue;
                            for (int c = 0; c < cin; c++) {
                                sum += x.get(0, iy, ix, c) * conv.weight().value().get(((dy * 3 + dx) * cin + c) * f + o);
                            }
                        }
                    }
                    assertEquals(sum, y.get(0, oy, ox, o), 1e-12);
                }
            }
        }
    }

    @Test
    void fusedPoolingEqualsConvolutionThenPooling() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Conv2d fused = new Conv2d(type, new Shape(0, 2), 4, 3, 3, 1, 1, Nonlinearity.LEAKY, 2, 2);
            Initialization.heNormal(fused.weight(), fused.fanIn(), new SplittableRandom(1));
            Initialization.heNormal(fused.bias(), 4, new SplittableRandom(2));
            Conv2d plain = (Conv2d) new Conv2d(type, new Shape(0, 2), 4, 3, 3, 1, 1, Nonlinearity.LEAKY);
            plain.weight().value().copyFrom(fused.weight().value(), 0, 0, fused.weight().size());
            plain.bias().value().copyFrom(fused.bias().value(), 0, 0, 4);
            MaxPool pool = new MaxPool(type, new Shape(0, 4), 2, 2, 2, 2);
            Batch x = TestBatches.random(type, new int[] {7, 4}, new int[] {9, 5}, 2, 3);
            Batch a = fused.forward(x, false);
            Batch b = pool.forward(plain.forward(x, false), false);
            assertEquals(b.size(), a.size());
            for (int i = 0; i < a.size(); i++) assertEquals(b.data().get(i), a.data().get(i), 1e-6);
            assertEquals("conv=4:3x3,pool=2x2", fused.spec());
        }
    }

    @Test
    void zeroingLongRangesLeavesTheRestAlone() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            dev.ductus.nn.tensor.Tensor t = new dev.ductus.nn.tensor.Tensor(type, 2000);
            t.fill(0, 2000, 3);
            t.zero(100, 1700);
            for (int i = 0; i < 2000; i++) assertEquals(i >= 100 && i < 1700 ? 0 : 3, t.get(i), type + " " + i);
        }
    }

    @Test
    void windowAndBlockByHand() {
        Batch x = TestBatches.random(D, new int[] {1}, new int[] {3}, 1, 1);
        for (int t = 0; t < 3; t++) x.data().set(t, t + 1);
        Batch w = new FrameWindow(D, new Shape(1, 1), 1).forward(x, false);
        assertEquals(3, w.channels());
        double[] expect = {0, 1, 2, 1, 2, 3, 2, 3, 0};
        for (int i = 0; i < 9; i++) assertEquals(expect[i], w.data().get(i));
        Batch im = TestBatches.random(D, new int[] {3}, new int[] {2}, 1, 2);
        for (int i = 0; i < 6; i++) im.data().set(i, i + 1);   // rows (1 2) (3 4) (5 6)
        Batch b = new BlockSubsample(D, new Shape(0, 1), 2, 2).forward(im, false);
        assertEquals(2, b.height());
        assertEquals(1, b.width());
        double[] blocks = {1, 2, 3, 4, 5, 6, 0, 0};
        for (int i = 0; i < 8; i++) assertEquals(blocks[i], b.data().get(i));
    }

    @Test
    void maxPoolByHand() {
        Batch x = TestBatches.random(D, new int[] {2}, new int[] {5}, 1, 1);
        double[] v = {1, 5, 2, 0, 9, 3, 4, 8, 7, 6};
        for (int i = 0; i < 10; i++) x.data().set(i, v[i]);
        Batch y = new MaxPool(D, new Shape(0, 1), 2, 2, 2, 2).forward(x, false);
        assertEquals(2, y.width());
        assertEquals(5, y.get(0, 0, 0, 0));
        assertEquals(8, y.get(0, 0, 1, 0));
    }

    @Test
    void lstmEqualsScalarReference() {
        int in = 3;
        int h = 2;
        Lstm lstm = new Lstm(D, new Shape(1, in), h, false);
        lstm.initialize(new SplittableRandom(5));
        Batch x = TestBatches.random(D, new int[] {1}, new int[] {4}, in, 6);
        Batch y = lstm.forward(x, false);
        Param wx = lstm.params().get(0);
        Param wh = lstm.params().get(1);
        Param b = lstm.params().get(2);
        double[] hPrev = new double[h];
        double[] cPrev = new double[h];
        for (int t = 0; t < 4; t++) {
            double[] z = new double[4 * h];
            for (int j = 0; j < 4 * h; j++) {
                z[j] = b.value().get(j);
                for (int k = 0; k < in; k++) z[j] += x.get(0, 0, t, k) * wx.value().get(k * 4 * h + j);
                for (int k = 0; k < h; k++) z[j] += hPrev[k] * wh.value().get(k * 4 * h + j);
            }
            double[] hNew = new double[h];
            for (int j = 0; j < h; j++) {
                double i = 1 / (1 + Math.exp(-z[j]));
                double f = 1 / (1 + Math.exp(-z[h + j]));
                double g = Math.tanh(z[2 * h + j]);
                double o = 1 / (1 + Math.exp(-z[3 * h + j]));
                cPrev[j] = f * cPrev[j] + i * g;
                hNew[j] = o * Math.tanh(cPrev[j]);
                assertEquals(hNew[j], y.get(0, 0, t, j), 1e-12);
            }
            hPrev = hNew;
        }
    }

    @Test
    void batchedEqualsOneAtATime() {
        Batch x = TestBatches.random(D, new int[] {6, 4, 5}, new int[] {9, 5, 7}, 2, 11);
        Network net = new NetworkBuilder(D, 17).build(new Shape(0, 2),
                dev.ductus.nn.spec.ModelSpec.parse("conv=3:3x3,pool=2x2,norm,collapse,blstm=4,dropout=0.3,dense=5"));
        Batch all = net.forward(x, false);
        double[] batched = all.data().toDoubles(all.size());
        int[] ws = all.widths().clone();
        int w = all.width();
        int c = all.channels();
        for (int s = 0; s < 3; s++) {
            Batch one = net.forward(TestBatches.sample(x, s), false);
            assertEquals(ws[s], one.width());
            for (int t = 0; t < one.width(); t++) {
                for (int k = 0; k < c; k++) {
                    assertEquals(one.get(0, 0, t, k), batched[(s * w + t) * c + k], 1e-12, "sample " + s + " t " + t);
                }
            }
        }
    }
}
