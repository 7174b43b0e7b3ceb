package dev.ductus.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Float layers take staged fast paths; the double paths are the ones the gradient checks prove. Both must
 * compute the same forward values and gradients.
 */
class FloatPathTest {
    private static void agree(Function<DataType, Layer> make, int[] hs, int[] ws, int channels) {
        Layer d = make.apply(DataType.DOUBLE);
        Layer f = make.apply(DataType.FLOAT);
        for (int i = 0; i < d.params().size(); i++) {
            Param pd = d.params().get(i);
            Param pf = f.params().get(i);
            for (int j = 0; j < pd.size(); j++) pf.value().set(j, pd.value().get(j));
        }
        Batch xd = TestBatches.random(DataType.DOUBLE, hs, ws, channels, 5);
        Batch xf = TestBatches.random(DataType.FLOAT, hs, ws, channels, 5);
        Batch yd = d.forward(xd, true);
        Batch yf = f.forward(xf, true);
        assertEquals(yd.size(), yf.size());
        for (int i = 0; i < yd.size(); i++) assertEquals(yd.data().get(i), yf.data().get(i), 1e-4, d.spec() + " forward " + i);
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
        for (int i = 0; i < bd.size(); i++) assertEquals(bd.data().get(i), bf.data().get(i), 1e-4, d.spec() + " input gradient " + i);
        for (int i = 0; i < d.params().size(); i++) {
            Param pd = d.params().get(i);
            Param pf = f.params().get(i);
            for (int j = 0; j < pd.size(); j++) {
                assertEquals(pd.grad().get(j), pf.grad().get(j), 1e-3 * Math.max(1, Math.abs(pd.grad().get(j))),
                        d.spec() + " " + pd.name() + "[" + j + "]");
            }
        }
    }

    @Test
    void convolutionsWithAndWithoutPooling() {
        int[] hs = {9, 6, 8};
        int[] ws = {13, 7, 10};
        agree(t -> init(new Conv2d(t, new Shape(0, 1), 4, 3, 3, 1, 1, Nonlinearity.LEAKY, 2, 2)), hs, ws, 1);
        agree(t -> init(new Conv2d(t, new Shape(0, 3), 16, 3, 3, 1, 1, Nonlinearity.LEAKY, 2, 2)), hs, ws, 3);
        agree(t -> init(new Conv2d(t, new Shape(0, 17), 5, 3, 3, 1, 1, Nonlinearity.LEAKY)), hs, ws, 17);
        agree(t -> init(new Conv2d(t, new Shape(0, 2), 3, 2, 4, 2, 4, Nonlinearity.TANH)), hs, ws, 2);
    }

    @Test
    void poolingAndLstm() {
        agree(t -> new MaxPool(t, new Shape(0, 5), 2, 2, 2, 2), new int[] {5, 4}, new int[] {9, 6}, 5);
        agree(t -> {
            Lstm l = new Lstm(t, new Shape(1, 6), 5, true);
            l.initialize(new SplittableRandom(2));
            return l;
        }, new int[] {1, 1, 1}, new int[] {7, 3, 5}, 6);
    }

    private static Conv2d init(Conv2d c) {
        Initialization.heNormal(c.weight(), c.fanIn(), new SplittableRandom(1));
        Initialization.heNormal(c.bias(), 4, new SplittableRandom(2));
        c.setInputGradient(true);
        return c;
    }
}
