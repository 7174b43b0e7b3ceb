package dev.ductus.onnx;

import dev.ductus.api.model.Alphabet;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.NetworkBuilder;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.layer.Shape;
import dev.ductus.nn.spec.ModelSpec;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/** Tiny Ductus CTC pixel models with random weights (biases and norm gains too, so every parameter shows). */
public final class TinyModels {
    public static final List<String> SYMBOLS = List.of("a", "e", "h", "n", "o", "r", "s", "t", " ");

    private TinyModels() {
    }

    public static CtcModel model(String spec, int height, long seed) {
        Alphabet a = new Alphabet(SYMBOLS);
        Network net = new NetworkBuilder(DataType.FLOAT, seed).build(new Shape(height, 1),
                ModelSpec.parse(spec.replace("CLASSES", Integer.toString(a.size() + 1))));
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (Param p : net.params()) {
            for (int i = 0; i < p.size(); i++) p.value().set(i, r.nextDouble(-0.6, 0.6));
        }
        return new CtcModel("crnn", a, "pixels:h=" + height, null, null, net, Map.of("chain", "pixels"));
    }
}
