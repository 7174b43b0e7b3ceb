package dev.ductus.hmm.bench;

import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.model.FrameScores;
import dev.ductus.hmm.decode.DecoderSettings;
import dev.ductus.hmm.decode.TokenPassingDecoder;

/**
 * Lines per second of the historical recognition path on one thread: GMM frame scores of every state, then
 * token passing with the hybrid word 3-gram + char 6-gram LM at the historical pipeline's settings
 * ({@code lm.weight=30, insertion.penalty=-80, beam=400, max.tokens=5000, mode=auto}), on a
 * {@link SyntheticRecognitionTask} (75 symbols x 8 states x 16 Gaussians of 48 dimensions, lines of about
 * 600 frames, 3000 words). Prints the time of each half, lines/s end to end, and the CER against the sampled
 * texts: {@code DecodingBenchmark [lines] [separation] [beam] [maxTokens]}.
 */
public final class DecodingBenchmark {
    private DecodingBenchmark() {
    }

    public static void main(String[] args) {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        double separation = args.length > 1 ? Double.parseDouble(args[1]) : 0.3;
        double beam = args.length > 2 ? Double.parseDouble(args[2]) : 400;
        int maxTokens = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        long t0 = System.nanoTime();
        SyntheticRecognitionTask task = new SyntheticRecognitionTask(1, 8, 16, 48, 3000, lines + 3, 600, separation);
        System.out.printf("task built in %.1f s: %d states, %d lexicon words%n", (System.nanoTime() - t0) / 1e9,
                task.model.states(), task.lm.lexicon().size());
        TokenPassingDecoder decoder = new TokenPassingDecoder(
                new DecoderSettings(30, -80, beam, maxTokens, DecoderSettings.Mode.AUTO));
        for (int i = 0; i < 3; i++) decoder.decode(task.score(task.lines.get(lines + i)), task.lm);
        for (int round = 0; round < 2; round++) {
            double scoring = 0;
            double decoding = 0;
            long errors = 0;
            long chars = 0;
            long frames = 0;
            for (int i = 0; i < lines; i++) {
                SyntheticRecognitionTask.Line line = task.lines.get(i);
                long a = System.nanoTime();
                FrameScores fs = task.score(line);
                long b = System.nanoTime();
                Hypothesis h = decoder.decode(fs, task.lm);
                long c = System.nanoTime();
                scoring += (b - a) / 1e9;
                decoding += (c - b) / 1e9;
                errors += SyntheticRecognitionTask.editDistance(line.text(), h.text());
                chars += line.text().length();
                frames += line.frames();
                if (round == 0 && i < 2) System.out.printf("  REF %s%n  HYP %s%n  %s%n", line.text(), h.text(), h.notes());
            }
            System.out.printf("round %d: %d lines, %.0f frames/line; GMM scores %.1f ms/line, decoding %.1f ms/line; "
                            + "%.2f lines/s end to end, %.2f lines/s decoding only; CER %.2f %%%n", round, lines,
                    (double) frames / lines, 1000 * scoring / lines, 1000 * decoding / lines,
                    lines / (scoring + decoding), lines / decoding, 100.0 * errors / chars);
        }
    }
}
