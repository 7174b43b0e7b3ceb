package dev.ductus.pipeline.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.pipeline.assembly.StageSelection.Candidate;
import dev.ductus.pipeline.assembly.StageSelection.Filters;
import dev.ductus.pipeline.assembly.StageSelection.Present;
import dev.ductus.pipeline.assembly.StageSelection.State;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The selection policy without a framework: candidates are services with their properties. */
class StageSelectionTest {
    private static long ids = 1;

    private static <T> Candidate<T> candidate(T service, String name, Object... more) {
        Map<String, Object> p = new HashMap<>();
        p.put(StageProperties.NAME, name);
        p.put("service.id", ids++);
        for (int i = 0; i < more.length; i += 2) p.put((String) more[i], more[i + 1]);
        return new Candidate<>(service, p);
    }

    private static OpticalModel model() {
        return new OpticalModel() {
            @Override
            public ModelInfo info() {
                return null;
            }

            @Override
            public FrameScores score(GrayImage line) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static Preprocessor pre() {
        return (image, notes) -> image;
    }

    private static Decoder decoder() {
        return new Decoder() {
            @Override
            public boolean accepts(ScoreKind kind) {
                return true;
            }

            @Override
            public Hypothesis decode(FrameScores scores, LanguageModel lm) {
                return Hypothesis.empty(null);
            }
        };
    }

    private static final Filters CRNN = new Filters("(ductus.name=pixels)", "", "(ductus.name=crnn)", "", "");

    @Test
    void picksTheMatchingStagesAndIsReady() {
        Candidate<Preprocessor> pixels = candidate(pre(), "pixels");
        Candidate<OpticalModel> crnn = candidate(model(), "crnn", StageProperties.MODEL_VERSION, "crnn@0123456789ab");
        Candidate<Decoder> greedy = candidate(decoder(), "greedy");
        State s = StageSelection.select(CRNN, new Present(List.of(candidate(pre(), "default"), pixels), List.of(),
                List.of(candidate(model(), "gmm-hmm"), crnn), List.of(), List.of(greedy), List.of()), State.STARTING);
        assertTrue(s.ready(), s.status());
        assertSame(pixels.service(), s.stages().preprocessor().service());
        assertSame(crnn.service(), s.stages().optical().service());
        assertEquals("crnn", s.modelName());
        assertEquals("crnn@0123456789ab", s.version());
        assertEquals("ready: preprocessor=pixels model=crnn decoder=auto", s.status());
    }

    @Test
    void highestRankingWinsThenTheOldestService() {
        Candidate<OpticalModel> old = candidate(model(), "crnn");
        Candidate<OpticalModel> newer = candidate(model(), "crnn");
        Candidate<OpticalModel> ranked = candidate(model(), "crnn", "service.ranking", 5);
        Filters f = new Filters("", "", "(ductus.name=crnn)", "", "");
        Present some = new Present(List.of(), List.of(), List.of(newer, old), List.of(), List.of(candidate(decoder(), "d")), List.of());
        assertSame(old.service(), StageSelection.select(f, some, State.STARTING).stages().optical().service());
        Present all = new Present(List.of(), List.of(), List.of(newer, ranked, old), List.of(), List.of(candidate(decoder(), "d")), List.of());
        assertSame(ranked.service(), StageSelection.select(f, all, State.STARTING).stages().optical().service());
    }

    /** Defect: a request during a transition could pair stages without a model with ready == true. */
    @Test
    void aMissingModelMakesThePipelineNotReadyAndARequestIsRefusedNotAnsweredEmpty() {
        State s = StageSelection.select(CRNN, new Present(List.of(candidate(pre(), "pixels")), List.of(), List.of(), List.of(),
                List.of(candidate(decoder(), "greedy")), List.of()), State.STARTING);
        assertFalse(s.ready());
        assertEquals("waiting for a model matching (ductus.name=crnn)", s.status());
        InputException e = assertThrows(InputException.class,
                () -> new Pipeline("crnn", false).run(s, GrayImage.blank(10, 10)));
        assertEquals("pipeline crnn: not ready: waiting for a model matching (ductus.name=crnn)", e.getMessage());
    }

    @Test
    void aFilterThatNoLongerMatchesKeepsThePreviousStageWhileItIsPresent() {
        Candidate<Preprocessor> pixels = candidate(pre(), "pixels");
        Candidate<OpticalModel> crnn = candidate(model(), "crnn");
        Present present = new Present(List.of(pixels), List.of(), List.of(crnn), List.of(), List.of(candidate(decoder(), "d")), List.of());
        State first = StageSelection.select(CRNN, present, State.STARTING);
        Filters edited = new Filters("(ductus.name=pixels)", "", "(ductus.name=crnn-typo)", "", "");
        State kept = StageSelection.select(edited, present, first);
        assertTrue(kept.ready());
        assertSame(crnn.service(), kept.stages().optical().service());
        assertTrue(kept.status().startsWith("degraded (kept previous stages): no model matching (ductus.name=crnn-typo); keeping crnn"),
                kept.status());
        // once the kept model is gone, the pipeline waits
        State gone = StageSelection.select(edited, new Present(List.of(pixels), List.of(), List.of(), List.of(),
                List.of(candidate(decoder(), "d")), List.of()), kept);
        assertFalse(gone.ready());
        assertNull(gone.stages().optical());
    }

    @Test
    void aBlankFilterDropsThePreviousStage() {
        Candidate<LanguageModel> lm = candidate(null, "word-3gram");
        Filters withLm = new Filters("", "", "", "", "(ductus.name=word-3gram)");
        Present present = new Present(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(lm));
        State first = StageSelection.select(withLm, present, State.STARTING);
        assertEquals("word-3gram", first.stages().lm().name());
        State without = StageSelection.select(new Filters("", "", "", "", ""), present, first);
        assertNull(without.stages().lm());
        assertTrue(without.ready());
    }

    @Test
    void aFilterThatDoesNotParseIsNamed() {
        State s = StageSelection.select(new Filters("(ductus.name=pixels", "", "", "", ""), Present.NONE, State.STARTING);
        assertFalse(s.ready());
        assertEquals("waiting for a preprocessor filter that parses ((ductus.name=pixels does not)", s.status());
    }

    @Test
    void aModelTrainedOnAnotherChainIsRefusedWithTheReason() {
        Candidate<Preprocessor> def = candidate(pre(), "default");
        Candidate<OpticalModel> crnn = candidate(model(), "crnn", StageProperties.MODEL_CHAIN, "pixels");
        Filters f = new Filters("(ductus.name=default)", "", "(ductus.name=crnn)", "", "");
        State s = StageSelection.select(f, new Present(List.of(def), List.of(), List.of(crnn), List.of(),
                List.of(candidate(decoder(), "d")), List.of()), State.STARTING);
        assertFalse(s.ready());
        assertEquals("waiting for a model for its preprocessing (crnn was trained on preprocessing chain 'pixels', "
                + "this pipeline's is 'default')", s.status());
        Candidate<Preprocessor> pixels = candidate(pre(), "pixels");
        State ok = StageSelection.select(CRNN, new Present(List.of(pixels), List.of(), List.of(crnn), List.of(),
                List.of(candidate(decoder(), "d")), List.of()), State.STARTING);
        assertTrue(ok.ready(), ok.status());
    }

    @Test
    void noDecoderInstalledIsMissing() {
        State s = StageSelection.select(new Filters("", "", "(ductus.name=crnn)", "", ""), new Present(List.of(), List.of(),
                List.of(candidate(model(), "crnn")), List.of(), List.of(), List.of()), State.STARTING);
        assertFalse(s.ready());
        assertEquals("waiting for a decoder (none is installed)", s.status());
    }
}
