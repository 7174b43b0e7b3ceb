package dev.ductus.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.train.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Defect: `recognize --format page` for several images concatenated XML documents on standard output. */
class RecognizeVerbTest {
    private final ShellContext context = new ShellContext() {
        @Override public List<PipelineView> pipelines() { return List.of(); }
        @Override public Optional<ImageLoader> imageLoader() { return Optional.empty(); }
        @Override public Optional<DatasetProvider> datasets() { return Optional.empty(); }
        @Override public Map<String, Trainer> trainers() { return Map.of(); }
        @Override public Map<String, Command> commands() { return Map.of(); }
        @Override public String describeFramework() { return "test"; }
        @Override public Path home() { return Path.of("."); }
        @Override public Path cache() { return Path.of("."); }
    };

    @Test
    void pageOutputForSeveralImagesNeedsAnOutputFolder() {
        RecognizeVerb.PageWriter writer = (name, image, h) -> "<PcGts/>";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandLine(context, List.of(new RecognizeVerb(context, writer))).execute(
                new String[] {"recognize", "--pipeline", "p", "--format", "page", "a.png", "b.png"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("one PAGE document per image: give --out DIR for 2 images"), e);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
