package dev.ductus.shell.cli;

import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A framework with nothing installed, for verb tests: override what a test needs. */
class TestContext implements ShellContext {
    @Override
    public List<PipelineView> pipelines() {
        return List.of();
    }

    @Override
    public Optional<ImageLoader> imageLoader() {
        return Optional.empty();
    }

    @Override
    public Optional<DatasetProvider> datasets() {
        return Optional.empty();
    }

    @Override
    public Map<String, Trainer> trainers() {
        return Map.of();
    }

    @Override
    public Map<String, Command> commands() {
        return Map.of();
    }

    @Override
    public String describeFramework() {
        return "test";
    }

    @Override
    public Path home() {
        return Path.of(".");
    }

    @Override
    public Path cache() {
        return Path.of(".");
    }
}
