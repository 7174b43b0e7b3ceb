package dev.ductus.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.recognize.Recognizer;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;

/** A pipeline is assembled from a factory configuration and serves a Recognizer named after it. */
class PipelineAssemblyTest extends PipelineTestBase {

    @Test
    void configurationAssemblesAPipelineFromTheNamedStages() throws Exception {
        register(Preprocessor.class, TestStages.preprocessor("1"), StageProperties.STAGE_PREPROCESSOR, "pre-1");
        register(OpticalModel.class, TestStages.model("7", 0), StageProperties.STAGE_OPTICAL_MODEL, "model-7");
        register(OpticalModel.class, TestStages.model("8", 0), StageProperties.STAGE_OPTICAL_MODEL, "model-8");
        register(Decoder.class, TestStages.bestPath(), StageProperties.STAGE_DECODER, "best-path");
        pipeline("assembled", props("preprocessor.target", "(ductus.name=pre-1)", "model.target", "(ductus.name=model-8)",
                "decoder.target", "(ductus.name=best-path)"));

        ServiceReference<Recognizer> ref = awaitRecognizer("assembled", PipelineTestBase::ready);
        Recognizer r = context.getService(ref);
        Hypothesis h = r.recognize(TestStages.image());
        assertEquals("8", h.text());
        assertEquals("1", h.notes().all().get(0).message(), "the preprocessor ran first");
        assertEquals("preprocessor=pre-1 model=model-8 decoder=best-path", r.describe());
        assertEquals(StageProperties.STAGE_RECOGNIZER, ref.getProperty(StageProperties.STAGE));
    }

    @Test
    void aPipelineWaitsForItsStagesAndServesOnceTheyArrive() throws Exception {
        pipeline("late", props("preprocessor.target", "", "model.target", "(ductus.name=late-model)"));
        ServiceReference<Recognizer> waiting = awaitRecognizer("late", r -> !ready(r));
        assertTrue(status(waiting).contains("waiting for a model matching (ductus.name=late-model)"), status(waiting));

        register(OpticalModel.class, TestStages.model("3", 0), StageProperties.STAGE_OPTICAL_MODEL, "late-model");
        register(Decoder.class, TestStages.bestPath(), StageProperties.STAGE_DECODER, "best-path");
        ServiceReference<Recognizer> ref = awaitRecognizer("late", PipelineTestBase::ready);
        assertEquals("3", context.getService(ref).recognize(TestStages.image()).text());
        assertEquals("model=late-model decoder=auto", context.getService(ref).describe());
    }

    /** FileInstall 3.7.4 turns "dev.ductus.pipeline~NAME.cfg" into a plain configuration of that PID. */
    @Test
    void aPlainConfigurationWithATildePidBecomesANamedPipeline() throws Exception {
        register(Preprocessor.class, TestStages.preprocessor("5"), StageProperties.STAGE_PREPROCESSOR, "pre-5");
        Configuration plain = configAdmin.getConfiguration("dev.ductus.pipeline~from-file", "?");
        plain.update(props("preprocessor.target", "(ductus.name=pre-5)", "felix.fileinstall.filename", "file:/x/dev.ductus.pipeline~from-file.cfg"));
        // FileInstall splits at the first dash: this file becomes a factory configuration of "dev.ductus.pipeline~dashed"
        Configuration dashed = configAdmin.createFactoryConfiguration("dev.ductus.pipeline~dashed", "?");
        dashed.update(props("preprocessor.target", "(ductus.name=pre-5)", "felix.fileinstall.filename", "file:/x/dev.ductus.pipeline~dashed-name.cfg"));

        ServiceReference<Recognizer> ref = awaitRecognizer("from-file", PipelineTestBase::ready);
        Hypothesis h = context.getService(ref).recognize(TestStages.image());
        assertEquals("", h.text(), "preprocessing only");
        assertEquals("5", h.notes().all().get(0).message());
        awaitRecognizer("dashed-name", PipelineTestBase::ready);
        Configuration[] mirrored = configAdmin.listConfigurations("(service.factoryPid=dev.ductus.pipeline)");
        assertEquals(2, mirrored.length);
        java.util.Set<String> pids = new java.util.TreeSet<>();
        for (Configuration m : mirrored) {
            pids.add(m.getPid());
            track(m);
        }
        assertEquals(java.util.Set.of("dev.ductus.pipeline~from-file", "dev.ductus.pipeline~dashed-name"), pids);
        configAdmin.getFactoryConfiguration("dev.ductus.pipeline", "from-file", "?").delete();
        long deadline = System.currentTimeMillis() + 5000;
        while (!context.getServiceReferences(Recognizer.class, "(ductus.name=from-file)").isEmpty()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(context.getServiceReferences(Recognizer.class, "(ductus.name=from-file)").stream().findAny().isPresent(),
                "deleting the configuration removes the pipeline");
    }
}
