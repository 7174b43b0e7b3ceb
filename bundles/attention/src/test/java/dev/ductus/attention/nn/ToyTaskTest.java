package dev.ductus.attention.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ductus.nn.optim.Adam;
import dev.ductus.nn.optim.GradientClipping;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The decoder learns to read a sequence backwards: frames are one-hot symbols (plus a flag on the last frame),
 * the target is the symbols in reverse order, so attention must start at the end and walk left one frame per
 * symbol, which only the location term can do (equal symbols look alike). Learned to zero errors on held-out
 * sequences, decoded greedily through the inference reader.
 */
class ToyTaskTest {
    private static final int SYMBOLS = 4;

    private static int[] sequence(SplittableRandom rnd) {
        int[] s = new int[3 + rnd.nextInt(5)];
        for (int i = 0; i < s.length; i++) s[i] = 1 + rnd.nextInt(SYMBOLS);
        return s;
    }

    private static Batch encode(int[][] seqs, Batch into) {
        int w = Arrays.stream(seqs).mapToInt(s -> s.length).max().orElse(1);
        int[] hs = new int[seqs.length];
        int[] ws = new int[seqs.length];
        Arrays.fill(hs, 1);
        for (int i = 0; i < seqs.length; i++) ws[i] = seqs[i].length;
        into.reshape(seqs.length, 1, w, SYMBOLS + 1, hs, ws);
        into.zero();
        for (int i = 0; i < seqs.length; i++) {
            for (int x = 0; x < seqs[i].length; x++) into.set(i, 0, x, seqs[i][x] - 1, 1);
            into.set(i, 0, seqs[i].length - 1, SYMBOLS, 1);
        }
        return into;
    }

    private static int[] reversed(int[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = s[s.length - 1 - i];
        return r;
    }

    @Test
    void learnsToReverseSequencesWithoutAnError() {
        AttentionDecoder dec = new AttentionDecoder(DataType.FLOAT, new AttentionDecoder.Dims(SYMBOLS + 1, 8, 32, 16, 4, 5, SYMBOLS + 1));
        dec.initialize(new SplittableRandom(1));
        Adam adam = new Adam();
        SplittableRandom rnd = new SplittableRandom(2);
        Batch x = new Batch(new Tensor(DataType.FLOAT, 1));
        double loss = Double.NaN;
        for (int step = 0; step < 1500; step++) {
            int[][] seqs = new int[16][];
            int[][] targets = new int[16][];
            for (int i = 0; i < seqs.length; i++) {
                seqs[i] = sequence(rnd);
                targets[i] = reversed(seqs[i]);
            }
            dec.zeroGrad();
            loss = dec.train(encode(seqs, x), targets, 1.0 / AttentionDecoder.tokens(targets), null);
            GradientClipping.clipGlobalNorm(dec.params(), 5);
            adam.step(dec.params(), step < 1000 ? 0.01 : 0.003);
        }
        Weights weights = dec.weights();
        SplittableRandom held = new SplittableRandom(77);
        int errors = 0;
        for (int k = 0; k < 100; k++) {
            int[] seq = sequence(held);
            Batch one = encode(new int[][] {seq}, new Batch(new Tensor(DataType.FLOAT, 1)));
            double[] values = one.data().toDoubles(one.size());
            Weights.Reader reader = weights.read(values, seq.length);
            Weights.State st = reader.start();
            int token = 0;
            int[] out = new int[0];
            for (int t = 0; t < 20; t++) {
                Weights.Step s = reader.step(st, token);
                int best = 0;
                for (int c = 1; c < s.logProbs().length; c++) if (s.logProbs()[c] > s.logProbs()[best]) best = c;
                if (best == 0) break;
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = best;
                token = best;
                st = s.state();
            }
            if (!Arrays.equals(out, reversed(seq))) errors++;
        }
        assertEquals(0, errors, "held-out sequences read wrongly (last training loss " + loss + ")");
    }
}
