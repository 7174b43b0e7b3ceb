package dev.ductus.lm.cli;

import dev.ductus.api.InputException;
import dev.ductus.api.cli.Command;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.defaults.CorpusTrainingText;
import dev.ductus.lm.defaults.DefaultModels;
import dev.ductus.lm.hybrid.HybridModel;
import dev.ductus.lm.kn.NgramTrainer;
import dev.ductus.lm.model.ModelFiles;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import dev.ductus.lm.ppl.Perplexity;
import dev.ductus.lm.ppl.PerplexityEvaluator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code lm} verb: train, ppl, convert, info. */
public final class LmCommandLine implements Command {
    static final String USAGE = String.join("\n",
            "usage: ductus lm train --order N --unit word|char [--cutoff C2[,C3...]] [--vocab-size N] [--vocab FILE] CORPUS -o MODEL",
            "       ductus lm ppl [--unk] [--unit word|char] [--char-model MODEL] MODEL TEXT",
            "       ductus lm convert IN OUT",
            "       ductus lm info MODEL",
            "       ductus lm defaults [--cache DIR] OUTDIR   (builds word-3gram.bin and char-6gram.bin from the corpora)",
            "  MODEL: an ARPA file (.arpa, .arpa.gz; from SRILM, KenLM, IRSTLM or ductus) or a ductus binary model (any",
            "  other name). A corpus or text has one sentence per line. --cutoff gives the minimum count of kept 2-grams,",
            "  3-grams, ... (the last value repeats); --vocab-size keeps the N most frequent tokens, --vocab FILE adds one",
            "  token per line (alone it is the whole vocabulary); other tokens become <unk>. ppl prints what SRILM's",
            "  ngram -ppl prints; --unk scores unknown words as <unk> instead of leaving them out; --char-model scores",
            "  with the hybrid model (word MODEL, unknown words spelled by the character model).");

    /** Runs the verb outside the framework: {@code java -cp ... dev.ductus.lm.cli.LmCommandLine train ...}. */
    public static void main(String[] args) throws Exception {
        System.exit(new LmCommandLine().run(List.of(args), System.out, System.err));
    }

    @Override
    public String summary() {
        return "train, evaluate (perplexity), convert and inspect n-gram language models";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help") || args.get(0).equals("help")) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        try {
            Options o = Options.parse(args.subList(1, args.size()));
            return switch (args.get(0)) {
                case "train" -> train(o, err);
                case "ppl" -> ppl(o, out, err);
                case "convert" -> convert(o, err);
                case "info" -> info(o, out);
                case "defaults" -> defaults(o, err);
                default -> usage(err, "unknown lm command '" + args.get(0) + "'");
            };
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        } catch (InputException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int train(Options o, PrintStream err) throws IOException {
        o.expect(Set.of("--order", "--unit", "--cutoff", "--vocab-size", "--vocab", "-o"), 1);
        int order = o.intValue("--order", 3);
        TokenUnit unit = TokenUnit.parse(o.value("--unit", "word"));
        String output = o.required("-o");
        int[] cutoffs = null;
        if (o.has("--cutoff")) {
            String[] parts = o.value("--cutoff", "").split(",");
            cutoffs = new int[parts.length + 2];
            for (int i = 0; i < parts.length; i++) cutoffs[i + 2] = parseInt("--cutoff", parts[i]);
        }
        List<String> vocab = null;
        if (o.has("--vocab")) vocab = Files.readAllLines(existing(o.value("--vocab", null))).stream().map(String::trim).toList();
        Path corpus = existing(o.positional.get(0));
        boolean anyText = false;
        for (String line : new TextLines(corpus)) {
            if (!line.isBlank()) {
                anyText = true;
                break;
            }
        }
        if (!anyText) throw new InputException(corpus.toString(), "no text to train on (the corpus is empty or blank)");
        long start = System.nanoTime();
        NgramTrainer.Trained t = NgramTrainer.train(new TextLines(corpus),
                new NgramTrainer.Options(order, unit, cutoffs, o.intValue("--vocab-size", 0), vocab),
                m -> err.println("lm train: " + m));
        ModelFiles.save(t.model(), Path.of(output));
        err.printf("lm train: wrote %s (%d n-grams) in %.1f s%n", output, t.model().totalCount(), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private int ppl(Options o, PrintStream out, PrintStream err) throws IOException {
        o.expect(Set.of("--unk", "--unit", "--char-model"), 2);
        NgramModel model = ModelFiles.load(existing(o.positional.get(0)));
        Path text = existing(o.positional.get(1));
        LanguageModel lm;
        TokenUnit unit;
        if (o.has("--char-model")) {
            lm = new HybridModel(model, ModelFiles.load(existing(o.value("--char-model", null))));
            unit = TokenUnit.WORD;
        } else {
            unit = o.has("--unit") ? TokenUnit.parse(o.value("--unit", null)) : guessUnit(model);
            lm = new NgramLanguageModel(model, unit);
        }
        Perplexity p = PerplexityEvaluator.evaluate(lm, unit, new TextLines(text), o.has("--unk"));
        out.println(p.report(text.toString()));
        return 0;
    }

    private int convert(Options o, PrintStream err) throws IOException {
        o.expect(Set.of(), 2);
        long t0 = System.nanoTime();
        NgramModel model = ModelFiles.load(existing(o.positional.get(0)));
        long t1 = System.nanoTime();
        ModelFiles.save(model, Path.of(o.positional.get(1)));
        err.printf("lm convert: read %.2f s, wrote %s in %.2f s%n", (t1 - t0) / 1e9, o.positional.get(1), (System.nanoTime() - t1) / 1e9);
        return 0;
    }

    private int info(Options o, PrintStream out) throws IOException {
        o.expect(Set.of(), 1);
        Path file = existing(o.positional.get(0));
        long t0 = System.nanoTime();
        NgramModel model = ModelFiles.load(file);
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf("model: %s (%s, %d bytes, loaded in %.3f s)%n", file,
                dev.ductus.lm.model.BinaryModelFile.isBinary(file) ? "binary" : "ARPA", Files.size(file), secs);
        out.printf("order: %d%nunit: %s%nvocabulary: %d (with <s>, </s>%s)%n", model.order(),
                guessUnit(model).name().toLowerCase(java.util.Locale.ROOT), model.vocabularySize(),
                model.unkId() >= 0 ? ", <unk>" : "; no <unk>: closed vocabulary");
        for (int n = 1; n <= model.order(); n++) out.printf("ngram %d=%d%n", n, model.count(n));
        return 0;
    }

    private int defaults(Options o, PrintStream err) throws IOException {
        o.expect(Set.of("--cache"), 1);
        Path cache = o.has("--cache") ? Path.of(o.value("--cache", null)) : CorpusTrainingText.cache();
        Path folder = Path.of(o.positional.get(0));
        long t0 = System.nanoTime();
        java.util.List<String> lines = CorpusTrainingText.trainingLines(cache);
        err.printf("lm defaults: %d training lines from %s (%.1f s)%n", lines.size(), cache, (System.nanoTime() - t0) / 1e9);
        for (String name : java.util.List.of(DefaultModels.WORD_3GRAM, DefaultModels.CHAR_6GRAM)) {
            long t = System.nanoTime();
            Path file = folder.resolve(name + ".bin");
            NgramModel m = DefaultModels.build(name, lines, null, file, msg -> err.println("lm defaults: " + name + ": " + msg));
            err.printf("lm defaults: wrote %s: %d n-grams, %d bytes, %.1f s%n", file, m.totalCount(), Files.size(file),
                    (System.nanoTime() - t) / 1e9);
        }
        return 0;
    }

    /** Character models have only single code points (and <space>) besides the special tokens. */
    public static TokenUnit guessUnit(NgramModel model) {
        int words = 0;
        for (int i = 0; i < model.vocabularySize(); i++) {
            String w = model.word(i);
            if (w.equals("<s>") || w.equals("</s>") || w.equals("<unk>") || w.equals(TokenUnit.SPACE)) continue;
            words++;
            if (w.codePointCount(0, w.length()) != 1) return TokenUnit.WORD;
        }
        return words > 0 && model.id(TokenUnit.SPACE) >= 0 ? TokenUnit.CHARACTER : TokenUnit.WORD;
    }

    private static Path existing(String name) {
        Path p = Path.of(name);
        if (!Files.isRegularFile(p)) throw new InputException(name, "no such file");
        return p;
    }

    private static int parseInt(String option, String v) {
        try {
            int i = Integer.parseInt(v.trim());
            if (i < 0) throw new NumberFormatException();
            return i;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a non-negative integer, got '" + v + "'");
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("lm: " + problem);
        err.println(USAGE);
        return 2;
    }

    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String m) {
            super(m);
        }
    }

    /** Options ({@code --name value}, flags) and positional arguments. */
    static final class Options {
        private static final Set<String> FLAGS = Set.of("--unk");
        final Map<String, String> named = new HashMap<>();
        final List<String> positional = new ArrayList<>();

        static Options parse(List<String> args) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("-") && a.length() > 1) {
                    int eq = a.indexOf('=');
                    if (eq > 0) {
                        o.named.put(a.substring(0, eq), a.substring(eq + 1));
                    } else if (FLAGS.contains(a)) {
                        o.named.put(a, "true");
                    } else {
                        if (i + 1 >= args.size()) throw new UsageException(a + " needs a value");
                        o.named.put(a, args.get(++i));
                    }
                } else {
                    o.positional.add(a);
                }
            }
            return o;
        }

        void expect(Set<String> allowed, int positionals) {
            for (String k : named.keySet()) if (!allowed.contains(k)) throw new UsageException("unknown option " + k);
            if (positional.size() != positionals) {
                throw new UsageException("expected " + positionals + " file argument(s), got " + positional.size());
            }
        }

        boolean has(String k) {
            return named.containsKey(k);
        }

        String value(String k, String dflt) {
            return named.getOrDefault(k, dflt);
        }

        String required(String k) {
            String v = named.get(k);
            if (v == null) throw new UsageException("missing " + k);
            return v;
        }

        int intValue(String k, int dflt) {
            return has(k) ? parseInt(k, named.get(k)) : dflt;
        }
    }
}
