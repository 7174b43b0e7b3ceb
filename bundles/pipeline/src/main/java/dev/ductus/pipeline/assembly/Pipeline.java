package dev.ductus.pipeline.assembly;

import dev.ductus.api.Box;
import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import dev.ductus.api.Notes;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.decode.ConfidenceCalibration;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LinePlacement;
import dev.ductus.api.image.LineRegion;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.FrameScores;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one image through a set of stages: (segment) -> preprocess -> optical model -> decoder, or a sequence
 * model that decodes itself. Plain Java: the OSGi component only decides which {@link Stages} to use.
 */
public final class Pipeline {
    private final String name;
    private final boolean paragraphs;

    public Pipeline(String name, boolean paragraphs) {
        this.name = name;
        this.paragraphs = paragraphs;
    }

    public String name() {
        return name;
    }

    public boolean paragraphs() {
        return paragraphs;
    }

    /**
     * Runs the image on the state's stages.
     *
     * @throws InputException "pipeline NAME: not ready: waiting for ..." when the state is not ready
     */
    public Hypothesis run(StageSelection.State state, GrayImage image) {
        if (!state.ready()) throw new InputException("pipeline " + name, "not ready: " + state.status());
        Hypothesis h = run(state.stages(), image);
        // the result names the model file content that produced it (what a hot swap changes)
        if (state.version() != null) h.notes().add(StageProperties.MODEL_VERSION, state.version());
        Stages.Stage<LanguageModel> lm = state.stages().lm();
        if (lm != null && lm.version() != null) h.notes().add(StageProperties.LM_VERSION, lm.version());
        return h;
    }

    /** Runs the image on these stages, whatever is missing (a preprocessing-only pipeline has no model). */
    public Hypothesis run(Stages stages, GrayImage image) {
        Notes notes = new Notes();
        long start = System.nanoTime();
        Hypothesis result;
        if (paragraphs && stages.segmenter() != null) {
            result = runSegmented(stages, image, notes);
        } else {
            result = runLine(stages, image, notes, 0);
        }
        notes.add(name, "total", (System.nanoTime() - start) / 1e6);
        return result.withNotes(notes);
    }

    private Hypothesis runSegmented(Stages stages, GrayImage page, Notes notes) {
        long t0 = System.nanoTime();
        List<LineRegion> lines = stages.segmenter().service().segment(page, notes);
        notes.add(stages.segmenter().name(), lines.size() + " lines", (System.nanoTime() - t0) / 1e6);
        StringBuilder text = new StringBuilder();
        List<CharSpan> chars = new ArrayList<>();
        List<Box> boxes = new ArrayList<>();
        List<LinePlacement> placements = new ArrayList<>();
        double score = 0;
        for (LineRegion line : lines) {
            Hypothesis h = runLine(stages, line.image(), notes, line.index());
            if (text.length() > 0 || line.index() > 0) text.append('\n');
            text.append(h.text());
            chars.addAll(h.characters());
            boxes.add(line.box());
            placements.add(h.placement(0));
            score += h.logScore();
        }
        // every line's placement or none (placement i is line i's)
        boolean placed = placements.stream().allMatch(java.util.Objects::nonNull);
        return new Hypothesis(text.toString(), score, chars, notes, boxes, placed ? placements : List.of());
    }

    private Hypothesis runLine(Stages stages, GrayImage image, Notes notes, int lineIndex) {
        GrayImage line = image;
        if (stages.preprocessor() != null) {
            line = stages.preprocessor().service().process(image, notes);
        }
        LanguageModel lm = stages.lm() == null ? null : stages.lm().service();
        if (stages.sequence() != null) {
            long t0 = System.nanoTime();
            Hypothesis h = stages.sequence().service().recognize(line, lm, notes);
            notes.add(stages.sequence().name(), "decoded " + h.text().length() + " characters", (System.nanoTime() - t0) / 1e6);
            var calibration = ConfidenceCalibration.of(stages.sequence().service().info().facts());
            if (calibration.isPresent()) h = calibration.get().apply(h);
            return onLine(h, line, lineIndex);
        }
        if (stages.optical() == null) {
            notes.add(name, "no optical model configured: preprocessing only (" + line.width() + "x" + line.height() + ")");
            return onLine(Hypothesis.empty(notes), line, lineIndex);
        }
        long t0 = System.nanoTime();
        FrameScores scores = stages.optical().service().score(line, notes);
        notes.add(stages.optical().name(), scores.frames() + " frames x " + scores.classes() + " " + scores.kind(),
                (System.nanoTime() - t0) / 1e6);
        Stages.Stage<Decoder> decoder = stages.decoderFor(scores.kind());
        if (decoder == null) {
            throw new InputException("pipeline " + name, "no decoder available for " + scores.kind() + " scores");
        }
        long t1 = System.nanoTime();
        Hypothesis h = decoder.service().decode(scores, lm);
        notes.add(decoder.name(), "decoded " + h.text().length() + " characters", (System.nanoTime() - t1) / 1e6);
        // confidences as the model's calibration (fitted on validation lines) maps them, when it records one
        var calibration = ConfidenceCalibration.of(stages.optical().service().info().facts());
        if (calibration.isPresent()) h = calibration.get().apply(h);
        return onLine(h, line, lineIndex);
    }

    /**
     * The line's hypothesis as line {@code lineIndex}, placed on the input by the preprocessed line's pixel map
     * (its character columns are columns of that image): its one placement is that line's. A model that read
     * several lines out of one image (a paragraph) gets no placement: its columns have no row to map from.
     */
    private static Hypothesis onLine(Hypothesis h, GrayImage line, int lineIndex) {
        boolean oneLine = h.characters().stream().allMatch(c -> c.line() == 0);
        List<LinePlacement> placements = oneLine ? List.of(LinePlacement.of(line)) : List.of();
        if (lineIndex == 0) return h.withPlacements(placements);
        List<CharSpan> moved = new ArrayList<>(h.characters().size());
        for (CharSpan c : h.characters()) {
            moved.add(new CharSpan(c.symbol(), c.x0(), c.x1(), c.t0(), c.t1(), c.confidence(), lineIndex));
        }
        return new Hypothesis(h.text(), h.logScore(), moved, h.notes(), List.of(), placements);
    }
}
