package dev.ductus.shell.cli;

import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.recognize.Recognizer;
import dev.ductus.api.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the verbs need from the running framework; the shell component implements it over live services. */
public interface ShellContext {
    /** A registered pipeline and whether it can serve now. */
    record PipelineView(String name, boolean ready, String status, String input, String description,
                        String data, String model, Recognizer recognizer) {
        /** Whether it produces text (it has a model), rather than only preprocessing. */
        public boolean recognizes() {
            return model != null;
        }

        /** The same pipeline read through another recognizer (e.g. one under a time limit). */
        public PipelineView withRecognizer(Recognizer r) {
            return new PipelineView(name, ready, status, input, description, data, model, r);
        }

        /** Whether it is meant for this dataset: trained for it, or for no dataset in particular. */
        public boolean suits(String dataset) {
            return data == null || data.isEmpty() || data.equals(dataset);
        }
    }

    /**
     * A model the framework serves now: its stage name ({@code ductus.name}), the version of its file's content
     * ({@code ductus.model.version}, e.g. {@code crnn-digits@161aaef58278}; null when the stage names none) and what
     * it is.
     */
    record ServedModel(String name, String version, ModelInfo info) {
    }

    List<PipelineView> pipelines();

    Optional<ImageLoader> imageLoader();

    Optional<DatasetProvider> datasets();

    /** Trainers by system name. */
    Map<String, Trainer> trainers();

    /** Verbs contributed by other bundles, by verb. */
    Map<String, Command> commands();

    /** Installed bundles and their states, registered stages by role. */
    String describeFramework();

    /** The distribution's home (bin/, config/, models/). */
    Path home();

    /** The cache for data and trained models. */
    Path cache();

    /**
     * A counter that moves whenever a tracked service (pipeline, trainer, verb) comes, goes or changes its
     * properties: take it before looking, then {@link #awaitChange} waits for the next move.
     */
    default long generation() {
        return 0;
    }

    /**
     * Blocks until {@link #generation()} has moved past {@code seen} or {@code maxMillis} have passed. A context
     * without service events (a test's fake) just waits a little.
     */
    default void awaitChange(long seen, long maxMillis) throws InterruptedException {
        Thread.sleep(Math.max(1, Math.min(maxMillis, 20)));
    }

    /** The version of the shell bundle, e.g. {@code 0.1.0.SNAPSHOT}. */
    default String version() {
        return "(version unknown)";
    }

    /** How many pipeline configuration files the watched config folder holds (0 when none is watched). */
    default int configuredPipelines() {
        return configuredPipelineNames().size();
    }

    /** The names of the pipeline configuration files in the watched config folder (the part after '~'). */
    default List<String> configuredPipelineNames() {
        return List.of();
    }

    /**
     * Waits until every configured pipeline is registered (one-shot runs start before the config folder has been
     * read) and then, up to the timeout, until they are all ready. Returns what is registered by then.
     */
    default List<PipelineView> awaitPipelines(long timeoutMillis) throws InterruptedException {
        long now = System.currentTimeMillis();
        long deadline = now + timeoutMillis;
        int expected = configuredPipelines();
        long seen = generation();
        List<PipelineView> views = pipelines();
        // A model registers its service a moment before the pipelines that wait for it publish their new state:
        // once no model is loading, the pipelines are given a short while to take it up before waiting ends.
        long settleUntil = now + 300;
        while ((now = System.currentTimeMillis()) < deadline) {
            boolean incomplete = views.size() < expected || views.isEmpty();
            boolean waiting = views.stream().anyMatch(v -> !v.ready());
            if (!incomplete && !waiting) break;
            if (waiting && loadingModels() > 0) settleUntil = now + 1000;
            if (!incomplete && now >= settleUntil) break;
            // a model whose file is present but not yet served registers no event while it loads: look again soon
            awaitChange(seen, Math.min(250, deadline - now));
            seen = generation();
            views = pipelines();
        }
        return views;
    }

    /**
     * How many configured model stages have their files on disk but no registered service yet (still loading).
     * Pipelines waiting only for models whose files are missing are not waited for.
     */
    default int loadingModels() {
        return 0;
    }

    /** The optical and sequence models registered now, sorted by name. */
    default List<ServedModel> servedModels() {
        return List.of();
    }

    /** The configurations that point at model files. */
    default List<ModelConfig> modelConfigs() {
        return List.of();
    }

    /**
     * Re-applies a configuration unchanged but for a refresh stamp, so its component loads the file again (or
     * retries an activation that failed because the file was missing).
     */
    default boolean refreshConfiguration(String pid) {
        return false;
    }

    /**
     * Waits until the pipeline is registered and ready.
     *
     * @return the pipeline, or empty after the timeout (the caller reports its last status)
     */
    default Optional<PipelineView> awaitPipeline(String name, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            long seen = generation();
            for (PipelineView p : pipelines()) {
                if (p.name().equals(name) && p.ready()) return Optional.of(p);
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return Optional.empty();
            awaitChange(seen, left);
        }
    }
}
