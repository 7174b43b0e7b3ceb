package dev.ductus.image.step;

import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Named preprocessing steps run in order, each adding its own note. Immutable, so a request that picked up a
 * chain finishes on exactly those steps even while a configuration swaps the chain. Plain Java: the same chain
 * runs in unit tests, the command line and behind the {@code dev.ductus.image.chain} component.
 */
public final class PreprocessingChain implements Preprocessor {
    /** One step and the name it was configured by. */
    public record Step(String name, Preprocessor preprocessor) {
    }

    private final List<Step> steps;

    public PreprocessingChain(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The standard steps with their default settings, e.g. {@code of("contrast", "deskew", "crop")}. */
    public static PreprocessingChain of(String... names) {
        List<Step> steps = new ArrayList<>();
        for (String name : names) steps.add(new Step(name, StandardSteps.create(name, java.util.Map.of())));
        return new PreprocessingChain(steps);
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        GrayImage current = image;
        for (Step step : steps) current = step.preprocessor().process(current, notes);
        return current;
    }

    public List<Step> steps() {
        return steps;
    }

    public List<String> names() {
        return steps.stream().map(Step::name).toList();
    }

    @Override
    public String toString() {
        return "PreprocessingChain" + names();
    }
}
