package dev.ductus.spark.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.hmm.component.HmmDecoderComponent;
import dev.ductus.image.component.PreprocessingChainComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigsTest {
    @Test
    void methodNamesMapToPropertyNamesAsDeclarativeServicesMapsThem() {
        assertEquals("lm.weight", Configs.propertyName("lm_weight"));
        assertEquals("max_tokens", Configs.propertyName("max__tokens"));
        assertEquals("a-b", Configs.propertyName("a$_$b"));
        assertEquals("a$b", Configs.propertyName("a$$b"));
        assertEquals("ab", Configs.propertyName("a$b"));
    }

    @Test
    void valuesAreCoercedAndMissingOnesTakeTheComponentsDefaults() {
        HmmDecoderComponent.Config c = Configs.of(HmmDecoderComponent.Config.class, Map.of("lm.weight", "12.5", "max.tokens", 300L));
        assertEquals(12.5, c.lm_weight());
        assertEquals(300, c.max_tokens());
        assertEquals(400, c.beam(), "the annotation's default");
        assertEquals("hmm", c.ductus_name());
        PreprocessingChainComponent.Config chain = Configs.of(PreprocessingChainComponent.Config.class, Map.of("steps", "contrast,crop"));
        assertArrayEquals(new String[]{"contrast,crop"}, chain.steps(), "a single string is a one-element array, as DS gives it");
        var e = assertThrows(IllegalArgumentException.class,
                () -> Configs.of(HmmDecoderComponent.Config.class, Map.of("beam", "wide")).beam());
        assertTrue(e.getMessage().contains("beam = 'wide'"), e.getMessage());
    }

    @Test
    void configurationFilesOverrideBuiltInOnesAndVariablesAreReplaced(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("dev.ductus.image.chain~pixels.cfg"), "ductus.name = pixels\nsteps = contrast,crop\n");
        Files.writeString(dir.resolve("dev.ductus.lm~char.cfg"), "model.path = ${ductus.models}/char.bin\n");
        var all = ConfigFiles.load(dir, Map.of("ductus.models", "/m"));
        assertEquals("contrast,crop", all.get("dev.ductus.image.chain~pixels").properties().get("steps"));
        assertTrue(all.containsKey("dev.ductus.image.chain~default"), "built-in chains come with the job: " + all.keySet());
        assertEquals("/m/char.bin", all.get("dev.ductus.lm~char").text("model.path", null));
        assertEquals("dev.ductus.lm", all.get("dev.ductus.lm~char").factoryPid());
        Files.writeString(dir.resolve("dev.ductus.lm~bad.cfg"), "model.path = ${nowhere}/x\n");
        var e = assertThrows(InputException.class, () -> ConfigFiles.load(dir, Map.of("ductus.models", "/m")));
        assertTrue(e.getMessage().contains("dev.ductus.lm~bad.cfg") && e.getMessage().contains("${nowhere}"), e.getMessage());
    }
}
