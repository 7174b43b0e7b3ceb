package dev.ductus.ctc.explain;

import dev.ductus.nn.layer.Layer;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.tensor.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs a network one layer at a time on a batch of one line (inference mode, on a replica whose buffers are freed
 * afterwards) and keeps copies of the outputs of the layers a predicate selects, e.g. the 2-D LSTM layers whose
 * feature maps a user wants to see, and of the last layer.
 */
public record LayerTrace(List<FeatureMap> maps, FeatureMap output) {
    public LayerTrace {
        maps = List.copyOf(maps);
    }

    public static LayerTrace run(Network net, Batch oneLine, Predicate<Layer> keep) {
        if (oneLine.n() != 1) throw new IllegalArgumentException("a trace reads one line, got " + oneLine.n());
        Network replica = net.replica();
        try {
            Batch b = oneLine;
            List<FeatureMap> kept = new ArrayList<>();
            for (Layer l : replica.layers()) {
                b = l.forward(b, false);
                if (keep.test(l)) kept.add(copy(l.spec(), b));
            }
            return new LayerTrace(kept, copy("output", b));
        } finally {
            replica.releaseBuffers();
        }
    }

    private static FeatureMap copy(String spec, Batch b) {
        int h = b.height(0);
        int w = b.width(0);
        int c = b.channels();
        float[] v = new float[h * w * c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = b.offset(0, y, x);
                for (int k = 0; k < c; k++) v[(y * w + x) * c + k] = (float) b.data().get(o + k);
            }
        }
        return new FeatureMap(spec, h, w, c, v);
    }
}
