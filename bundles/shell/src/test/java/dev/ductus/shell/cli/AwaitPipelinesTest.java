package dev.ductus.shell.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.train.Trainer;
import dev.ductus.api.cli.Command;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link ShellContext#awaitPipelines}: a model's service appears a moment before the pipeline that waits for it
 * publishes "ready"; the wait must not end in that gap, and must not wait for models whose files are missing.
 */
class AwaitPipelinesTest {
    /** A pipeline whose model loads for {@code loadMillis}, then becomes ready {@code lagMillis} later. */
    private static ShellContext context(long loadMillis, long lagMillis, boolean fileMissing) {
        long t0 = System.currentTimeMillis();
        return new TestContext() {
            @Override
            public List<PipelineView> pipelines() {
                boolean ready = !fileMissing && System.currentTimeMillis() - t0 >= loadMillis + lagMillis;
                return List.of(new PipelineView("p", ready, ready ? "ready" : "waiting for a model", "line", "", null, "m", null));
            }

            @Override
            public int loadingModels() {
                return !fileMissing && System.currentTimeMillis() - t0 < loadMillis ? 1 : 0;
            }

            @Override
            public int configuredPipelines() {
                return 1;
            }
        };
    }

    @Test
    void aPipelineThatTakesUpItsJustLoadedModelLateIsWaitedFor() throws Exception {
        // the model is served after 600 ms; its pipeline says ready 400 ms after that
        List<ShellContext.PipelineView> views = context(600, 400, false).awaitPipelines(10_000);
        assertTrue(views.get(0).ready(), views.toString());
    }

    @Test
    void aModelServedBeforeTheWaitStartsIsStillTakenUp() throws Exception {
        List<ShellContext.PipelineView> views = context(0, 150, false).awaitPipelines(10_000);
        assertTrue(views.get(0).ready(), views.toString());
    }

    @Test
    void aPipelineWaitingForAMissingFileIsNotWaitedForUntilTheTimeout() throws Exception {
        long t0 = System.nanoTime();
        List<ShellContext.PipelineView> views = context(0, 0, true).awaitPipelines(10_000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(views.get(0).ready());
        assertTrue(ms < 3_000, "returned after " + ms + " ms, not at the 10 s timeout");
    }

    /** Defect: `recognize --wait 5` said "no such pipeline" while the configurations were still being read. */
    @Test
    void aPipelineNotYetRegisteredWhileConfigurationsAreReadIsNotCalledMissing() {
        ShellContext starting = new TestContext() {
            @Override public List<String> configuredPipelineNames() { return List.of("a", "b", "crnn"); }
        };
        String why = PipelinesVerb.whyNot(starting, "crnn");
        assertTrue(why.startsWith("not registered yet: 0 of the 3 pipeline configurations"), why);
        // a name no configuration file has is no pipeline, even while the others are still read
        assertTrue(PipelinesVerb.whyNot(starting, "nope").startsWith("no such pipeline (configured: a, b, crnn)"),
                PipelinesVerb.whyNot(starting, "nope"));
        assertTrue(PipelinesVerb.whyNot(context(0, 0, false), "nope").startsWith("no such pipeline (configured: p)"));
    }
}
