package dev.ductus.ctc.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.model.FrameScores;
import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.ctc.decode.BestPathDecoder;
import dev.ductus.ctc.mdlstm.MdlstmArchitecture;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.testsupport.SyntheticLines;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MDLSTM-CTC trainer component end to end on lines of three made-up glyphs: it learns them, writes a CTC model
 * file that the CTC optical-model component serves, and a second run resumes from the checkpoint.
 */
class MdlstmCtcTrainerComponentTest {
    @TempDir
    Path dir;

    @Test
    void learnsGlyphsAndTheCtcModelComponentServesTheModel() throws Exception {
        MdlstmCtcTrainerComponent trainer = new MdlstmCtcTrainerComponent();
        trainer.configure(config(12));
        assertEquals(MdlstmArchitecture.SYSTEM, trainer.system());
        Path out = dir.resolve("glyphs.model");
        List<String> messages = new ArrayList<>();
        List<TrainingProgress> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void progress(TrainingProgress e) {
                events.add(e);
            }

            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        TrainingResult r = trainer.train(new TrainingRequest(SyntheticLines.dataset("train", 64, 1),
                SyntheticLines.dataset("validation", 16, 2), out, false, Map.of()), listener);
        assertTrue(r.metrics().get("cer") < 0.1, r.metrics() + " " + messages);
        assertTrue(events.stream().anyMatch(e -> e.phase().equals("validate") && e.metrics().containsKey("cer")));

        CtcModel model = CtcModel.read(out, null, null);
        assertEquals(MdlstmArchitecture.SYSTEM, model.system());
        assertEquals("block=2x2,mdlstm=4,collapse,dense=5", model.network().spec());
        CtcModelComponent served = new CtcModelComponent();
        served.activate(null, modelConfig(out), java.util.Map.of());
        assertEquals(MdlstmArchitecture.SYSTEM, served.info().system());
        FrameScores s = served.score(SyntheticLines.render("ab cab", 1));
        assertEquals("ab cab", new BestPathDecoder().decode(s).text());

        trainer.configure(config(14));
        messages.clear();
        TrainingResult resumed = trainer.train(new TrainingRequest(SyntheticLines.dataset("train", 64, 1),
                SyntheticLines.dataset("validation", 16, 2), out, true, Map.of()), listener);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("resuming")), messages.toString());
        assertEquals(14 * 8, resumed.metrics().get("steps"), "64 lines in batches of 8 for 14 epochs, 12 of them done before");
    }

    private static MdlstmCtcTrainerComponent.Config config(int epochs) {
        return new MdlstmCtcTrainerComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MdlstmCtcTrainerComponent.Config.class;
            }

            @Override
            public String preprocessor_target() {
                return "";
            }

            @Override
            public int height() {
                return SyntheticLines.HEIGHT;
            }

            @Override
            public String model() {
                return "block=2x2,mdlstm=4,collapse";
            }

            @Override
            public int epochs() {
                return epochs;
            }

            @Override
            public int batch() {
                return 8;
            }

            @Override
            public double lr() {
                return 0.01;
            }

            @Override
            public int patience() {
                return 50;
            }

            @Override
            public boolean augment() {
                return false;
            }
        };
    }

    private static CtcModelComponent.Config modelConfig(Path path) {
        return new CtcModelComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CtcModelComponent.Config.class;
            }

            @Override
            public String ductus_name() {
                return "mdlstm";
            }

            @Override
            public String model_path() {
                return path.toString();
            }
        };
    }
}
