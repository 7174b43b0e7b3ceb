package dev.ductus.pipeline.component;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Defect: a pipeline configuration file of random bytes was accepted as a ready (preprocessing-only) pipeline. */
class PipelineConfigurationTest {
    private static Map<String, Object> asConfigAdminWouldHandIt(Properties p) {
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put(String.valueOf(k), v));
        m.put("service.pid", "dev.ductus.pipeline~junk");
        m.put("service.factoryPid", "dev.ductus.pipeline");
        m.put("felix.fileinstall.filename", "file:/config/dev.ductus.pipeline~junk.cfg");
        m.put("component.name", "dev.ductus.pipeline");
        m.put("component.id", 12L);
        // DS passes the targets of the component's references as properties too
        m.put("preprocessors.target", "(ductus.stage=preprocessor)");
        return m;
    }

    @Test
    void aConfigurationOfRandomBytesIsAConfigurationErrorNotAReadyPipeline() throws Exception {
        byte[] junk = new byte[512];
        new Random(5).nextBytes(junk);
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(junk));
        assertTrue(!p.isEmpty(), "random bytes parse as some properties, as FileInstall reads them");
        String problem = PipelineComponent.configurationProblem(asConfigAdminWouldHandIt(p));
        assertNotNull(problem);
        assertTrue(problem.startsWith("configuration error: unknown key"), problem);
        assertTrue(problem.chars().noneMatch(Character::isISOControl), "printable on one line: " + problem);
    }

    @Test
    void theShippedKindsOfConfigurationAreAccepted() throws Exception {
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(("description = CNN-BLSTM-CTC\npreprocessor.target = (ductus.name=pixels)\n"
                + "model.target = (ductus.name=crnn-cursive)\ndecoder.target = (ductus.name=ctc-char)\n"
                + "lm.target = (ductus.name=char-6gram)\ndata = cursive\ninput = line\n").getBytes()));
        assertNull(PipelineComponent.configurationProblem(asConfigAdminWouldHandIt(p)));
    }

    @Test
    void aMistypedKeyOrInputIsNamed() {
        Map<String, Object> typo = new HashMap<>(Map.of("model.traget", "(ductus.name=x)"));
        String problem = PipelineComponent.configurationProblem(typo);
        assertTrue(problem.contains("unknown key model.traget") && problem.contains("model.target"), problem);
        String input = PipelineComponent.configurationProblem(new HashMap<>(Map.of("input", "page")));
        assertTrue(input.contains("input must be line or paragraph, not 'page'"), input);
    }
}
