package dev.ductus.lm.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ductus.api.InputException;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.lm.TestModels;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.model.ModelFiles;
import dev.ductus.lm.model.NgramLanguageModel;
import dev.ductus.lm.model.NgramModel;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hot swap, without a framework: configurations passed as DS would pass them. */
class LanguageModelComponentTest {
    @TempDir
    Path dir;

    private static LanguageModelComponent.Config config(String path, String unit, String charPath) {
        return new LanguageModelComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LanguageModelComponent.Config.class;
            }

            @Override
            public String ductus_name() {
                return "test";
            }

            @Override
            public String model_path() {
                return path;
            }

            @Override
            public String unit() {
                return unit;
            }

            @Override
            public String char_model_path() {
                return charPath;
            }
        };
    }

    @Test
    void aChangedModelPathSwapsAndAFailedLoadKeepsTheOldModel() throws Exception {
        NgramModel a = TestModels.train(List.of("x y z", "x y y"), 2, TokenUnit.WORD);
        NgramModel b = TestModels.train(List.of("x z z", "z z y x"), 3, TokenUnit.WORD);
        Path pa = dir.resolve("a.arpa");
        Path pb = dir.resolve("b.bin");
        ModelFiles.save(a, pa);
        ModelFiles.save(b, pb);
        NgramLanguageModel refA = new NgramLanguageModel(ModelFiles.load(pa), TokenUnit.WORD);
        NgramLanguageModel refB = new NgramLanguageModel(ModelFiles.load(pb), TokenUnit.WORD);

        LanguageModelComponent c = new LanguageModelComponent();
        c.activate(null, config(pa.toString(), "word", ""));
        assertTrue(c.apply(config(pa.toString(), "word", "")));
        assertEquals(2, c.order());
        assertEquals(LmUnit.WORD, c.unit());
        LmState begun = c.score(c.start(), "x").next();
        assertEquals(refA.score(refA.score(refA.start(), "x").next(), "y").logProb(), c.score(begun, "y").logProb(), 1e-12);

        assertFalse(c.apply(config(dir.resolve("missing.arpa").toString(), "word", "")));
        assertEquals(2, c.order(), "a failed load keeps the old model");
        c.modified(config(pb.toString(), "word", ""));
        assertEquals(3, c.order(), "the new model is served");
        assertEquals(refB.score(refB.start(), "z").logProb(), c.score(c.start(), "z").logProb(), 1e-12);
        // The sentence begun on model a ends on model a.
        assertEquals(refA.score(refA.score(refA.start(), "x").next(), "y").logProb(), c.score(begun, "y").logProb(), 1e-12);
        assertEquals(refA.end(refA.score(refA.start(), "x").next()), c.end(begun), 1e-12);
        c.deactivate();
    }

    @Test
    void hybridNeedsACharacterModel() throws Exception {
        Path pw = dir.resolve("w.arpa");
        Path pc = dir.resolve("c.bin");
        ModelFiles.save(TestModels.train(TestModels.sample(), 3, TokenUnit.WORD, null, 50), pw);
        ModelFiles.save(TestModels.train(TestModels.sample(), 4, TokenUnit.CHARACTER), pc);
        LanguageModelComponent c = new LanguageModelComponent();
        c.activate(null, config(pw.toString(), "hybrid", ""));
        assertFalse(c.apply(config(pw.toString(), "hybrid", "")), "unit=hybrid without a character model is refused");
        assertTrue(c.apply(config(pw.toString(), "hybrid", pc.toString())));
        assertEquals(LmUnit.HYBRID, c.unit());
        assertEquals(50, c.lexicon().size());
        c.modified(config(pc.toString(), "char", ""));
        assertEquals(LmUnit.CHARACTER, c.unit());
        assertEquals(null, c.lexicon());
        c.deactivate();
    }
}
