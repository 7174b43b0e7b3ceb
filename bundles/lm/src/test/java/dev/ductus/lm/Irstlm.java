package dev.ductus.lm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * IRSTLM's tools (Debian package irstlm: /usr/lib/irstlm/bin), found on PATH or in the Debian location, run as
 * external processes. Used by the perplexity agreement test and the build benchmark.
 */
public final class Irstlm {
    private final Path bin;

    private Irstlm(Path bin) {
        this.bin = bin;
    }

    /** The installed tools, or null when IRSTLM is absent. */
    public static Irstlm find() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("IRSTLM");
        if (env != null) candidates.add(Path.of(env, "bin"));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) candidates.add(Path.of(dir));
        }
        candidates.add(Path.of("/usr/lib/irstlm/bin"));
        for (Path dir : candidates) {
            if (Files.isExecutable(dir.resolve("build-lm.sh")) && Files.isExecutable(dir.resolve("compile-lm"))) {
                return new Irstlm(dir);
            }
        }
        return null;
    }

    public static final String MISSING = "IRSTLM is not installed (Debian/Ubuntu: apt-get install irstlm): skipped";

    /** Runs a tool with stdin from a file (or none) and returns stdout + stderr; fails on a non-zero exit. */
    public String run(Path workDir, Path stdin, Path stdout, String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        env.put("IRSTLM", bin.getParent().toString());
        env.put("PATH", bin + java.io.File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("TMP", workDir.toString());
        if (stdin != null) pb.redirectInput(stdin.toFile());
        Path log = Files.createTempFile(workDir, tool, ".log");
        if (stdout != null) {
            pb.redirectOutput(stdout.toFile());
            pb.redirectError(log.toFile());
        } else {
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(tool + " did not finish");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException(tool + " exited with " + p.exitValue() + ": " + out);
        return out;
    }

    /** Adds {@code <s>}/{@code </s>} around every line, as IRSTLM's tools expect. */
    public Path addStartEnd(Path dir, Path text) throws IOException, InterruptedException {
        Path out = dir.resolve(text.getFileName() + ".se");
        run(dir, text, out, "add-start-end.sh");
        return out;
    }

    /** Builds an ARPA file with modified shift-beta ("improved-kneser-ney") smoothing, in one part. */
    public Path buildArpa(Path dir, Path corpus, int order) throws IOException, InterruptedException {
        Path se = addStartEnd(dir, corpus);
        Path ilm = dir.resolve("irstlm.ilm.gz");
        Path tmp = dir.resolve("irstlm-tmp");
        Files.deleteIfExists(ilm);
        if (Files.isDirectory(tmp)) {
            try (var files = Files.walk(tmp)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        run(dir, null, null, "build-lm.sh", "-i", se.toString(), "-n", Integer.toString(order), "-o", ilm.toString(),
                "-k", "1", "-s", "improved-kneser-ney", "-t", tmp.toString());
        Path arpa = dir.resolve("irstlm.arpa");
        run(dir, null, null, "compile-lm", ilm.toString(), "--text=yes", arpa.toString());
        return arpa;
    }

    /** What compile-lm --eval prints: tokens scored (words + one </s> per sentence), perplexity, total log10 prob. */
    public record Evaluation(long tokens, double perplexity, double log10Prob) {
    }

    /**
     * compile-lm --eval of the text (one sentence per line) with the OOV penalty switched off (dictionary upper
     * bound = vocabulary size + 1), so unknown words cost P(&lt;unk&gt;) as in SRILM's -unk. IRSTLM prints PP and
     * logPr with two decimals.
     */
    public Evaluation evaluate(Path dir, Path arpa, int vocabularySize, Path text) throws IOException, InterruptedException {
        Path se = addStartEnd(dir, text);
        String out = run(dir, null, null, "compile-lm", arpa.toString(), "--eval=" + se, "--dub=" + (vocabularySize + 1), "-d=1");
        for (String line : out.split("\n")) {
            if (!line.startsWith("%%") || !line.contains("PP=")) continue;
            return new Evaluation(Long.parseLong(field(line, "Nw=")), Double.parseDouble(field(line, "PP=")),
                    Double.parseDouble(field(line, "logPr=")));
        }
        throw new IOException("no PP= in compile-lm output: " + out);
    }

    private static String field(String line, String name) throws IOException {
        int at = line.indexOf(" " + name);
        if (at < 0) throw new IOException("no " + name + " in '" + line + "'");
        return line.substring(at + 1 + name.length()).split(" ")[0];
    }
}
