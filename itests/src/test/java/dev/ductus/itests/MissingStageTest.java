package dev.ductus.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.recognize.Recognizer;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;

/** A configuration edit that names a stage which does not exist keeps the old stage serving. */
class MissingStageTest extends PipelineTestBase {

    @Test
    void anEditNamingAMissingStageKeepsTheOldOneAndSwitchesWhenItAppears() throws Exception {
        register(OpticalModel.class, TestStages.model("6", 0), StageProperties.STAGE_OPTICAL_MODEL, "model-6");
        register(Decoder.class, TestStages.bestPath(), StageProperties.STAGE_DECODER, "best-path");
        Configuration config = pipeline("kept", props("preprocessor.target", "", "model.target", "(ductus.name=model-6)"));
        Recognizer r = context.getService(awaitRecognizer("kept", PipelineTestBase::ready));
        assertEquals("6", r.recognize(TestStages.image()).text());

        config.update(props("preprocessor.target", "", "model.target", "(ductus.name=no-such-model)"));
        ServiceReference<Recognizer> degraded = awaitRecognizer("kept", s -> status(s).startsWith("degraded"));
        assertTrue(ready(degraded), "still serving");
        assertTrue(status(degraded).contains("no model matching (ductus.name=no-such-model); keeping model-6"),
                status(degraded));
        assertEquals("6", r.recognize(TestStages.image()).text(), "the old stage keeps serving");

        register(OpticalModel.class, TestStages.model("9", 0), StageProperties.STAGE_OPTICAL_MODEL, "no-such-model");
        awaitRecognizer("kept", s -> status(s).startsWith("ready") && status(s).contains("no-such-model"));
        assertEquals("9", r.recognize(TestStages.image()).text());
    }

    @Test
    void anInvalidFilterIsReportedAndTheOldStageKept() throws Exception {
        register(OpticalModel.class, TestStages.model("2", 0), StageProperties.STAGE_OPTICAL_MODEL, "model-2");
        register(Decoder.class, TestStages.bestPath(), StageProperties.STAGE_DECODER, "best-path");
        Configuration config = pipeline("typo", props("preprocessor.target", "", "model.target", "(ductus.name=model-2)"));
        Recognizer r = context.getService(awaitRecognizer("typo", PipelineTestBase::ready));
        config.update(props("preprocessor.target", "", "model.target", "(ductus.name=model-2"));
        ServiceReference<Recognizer> degraded = awaitRecognizer("typo", s -> status(s).startsWith("degraded"));
        assertTrue(status(degraded).contains("does not)"), status(degraded));
        assertEquals("2", r.recognize(TestStages.image()).text());
    }
}
