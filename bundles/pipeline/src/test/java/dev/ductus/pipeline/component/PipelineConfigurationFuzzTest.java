package dev.ductus.pipeline.component;

import dev.ductus.pipeline.assembly.StageSelection;
import dev.ductus.testfuzz.Mutations;
import dev.ductus.testfuzz.ReaderFuzz;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes what a pipeline makes of its configuration file: the shipped {@code crnn} pipeline's {@code .cfg}, mutated
 * bytewise and with tokens of the format inserted, read as FileInstall reads a {@code .cfg} (java.util.Properties;
 * bytes it refuses never reach the pipeline), handed over as ConfigAdmin would, then checked
 * ({@link PipelineComponent#configurationProblem}) and, when accepted, its stage filters selected against no
 * stages. Each must give a one-line printable status (a configuration error, or "waiting for ..."), never an
 * exception, within 5 s and 256 MB. 10,000 cases in CI ({@code -Dductus.fuzz.tries=N} for more).
 */
class PipelineConfigurationFuzzTest {
    private static final ReaderFuzz FUZZ = new ReaderFuzz("pipeline configuration");
    private static final byte[] SEED = """
            # CNN-BLSTM-CTC on pixels, prefix beam search with the character 6-gram LM.
            description = CNN-BLSTM-CTC on pixels + char 6-gram beam search
            preprocessor.target = (ductus.name=pixels)
            model.target = (ductus.name=crnn-cursive)
            decoder.target = (ductus.name=ctc-char)
            lm.target = (ductus.name=char-6gram)
            input = line
            data = cursive
            """.getBytes(StandardCharsets.UTF_8);
    private static final List<String> TOKENS = List.of("=", ":", "\\", "\\u", "\\u00zz", "\n", "\r\n", "#", "!", " ", "(", ")",
            "(&(a=b)(c=d))", "(|", "(!(x=*))", "*", "(ductus.name=", "input = paragraph", "input = page", "segmenter.target = ",
            "model.target = (ductus.name=\u0000)", "bogus = 1", "service.pid = x", "\u00e9", "\uD83D\uDE00", "\u0000");

    @TempDir
    Path dir;

    @Test
    void aMutatedConfigurationIsAOneLineStatus() {
        FUZZ.campaign("pipelineCfg", 20261260, dir.resolve("dev.ductus.pipeline~crnn.cfg"),
                rnd -> Mutations.random(SEED, rnd, TOKENS), PipelineConfigurationFuzzTest::readAsThePipelineWould);
    }

    private static void readAsThePipelineWould(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            return;   // FileInstall refuses the file (a malformed \\u escape): no configuration reaches the pipeline
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put(String.valueOf(k), v));
        m.put("service.pid", "dev.ductus.pipeline~crnn");
        String problem = PipelineComponent.configurationProblem(m);
        if (problem != null) {
            oneLine(problem);
            return;
        }
        StageSelection.Filters f = new StageSelection.Filters(text(m, "preprocessor.target"), text(m, "segmenter.target"),
                text(m, "model.target"), text(m, "decoder.target"), text(m, "lm.target"));
        StageSelection.State s = StageSelection.select(f, StageSelection.Present.NONE, StageSelection.State.STARTING);
        // with no stage present only a configuration that asks for no model (preprocessing only) can be ready
        boolean asksForAModel = !blank(f.model()) || !blank(f.decoder()) || !blank(f.lm());
        if (s.ready() && asksForAModel) throw new AssertionError("ready without its stages: " + s.status());
        oneLine(s.status());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    private static void oneLine(String status) {
        if (status == null || status.isBlank()) throw new AssertionError("no status");
        if (status.chars().anyMatch(c -> c == '\n' || c == '\r')) throw new AssertionError("status on several lines: " + status);
    }

    @AfterAll
    static void report() {
        System.out.println(FUZZ.summary());
    }
}
