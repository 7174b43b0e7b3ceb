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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Verb dispatch as a user coming from other HTR tools types it. */
class CommandLineTest {
    private final List<String> recognized = new ArrayList<>();

    private final ShellContext context = new TestContext() {
        @Override
        public String version() {
            return "9.8.7";
        }
    };

    private final Verb recognize = new Verb() {
        @Override
        public String name() {
            return "recognize";
        }

        @Override
        public String summary() {
            return "recognise images";
        }

        @Override
        public String usage() {
            return "usage: ductus recognize IMAGE...";
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) {
            recognized.add(String.join(" ", args));
            return 0;
        }
    };

    private record Result(int status, String out, String err) {
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandLine(context, List.of(recognize)).execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Defect: `ductus recognise` (the help text's spelling) was an unknown verb. */
    @Test
    void theBritishSpellingRunsTheVerb() {
        assertEquals(0, run("recognise", "a.png").status());
        assertEquals(List.of("a.png"), recognized);
    }

    @Test
    void aTypoIsAnsweredWithTheNearestVerb() {
        Result r = run("recgonize", "a.png");
        assertEquals(2, r.status());
        assertEquals("ductus: unknown verb 'recgonize'; did you mean 'recognize'? (ductus help lists the verbs)\n", r.err());
        assertEquals("ductus: unknown verb 'zzzzzzzz' (ductus help lists the verbs)\n", run("zzzzzzzz").err());
    }

    /** Defects: `ductus help run` said "unknown verb 'run'"; there was no --version. */
    @Test
    void helpRunAndVersion() {
        Result help = run("help", "run");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("usage: ductus run "), help.out());
        Result version = run("--version");
        assertEquals(0, version.status());
        assertEquals("ductus 9.8.7\n", version.out());
    }
}
