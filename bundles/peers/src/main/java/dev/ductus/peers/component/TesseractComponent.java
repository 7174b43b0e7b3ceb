package dev.ductus.peers.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.ModelInfo;
import dev.ductus.api.model.SequenceModel;
import dev.ductus.peers.tesseract.TesseractCli;
import java.lang.System.Logger.Level;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Tesseract as a sequence-model stage (factory PID {@code dev.ductus.peers.tesseract}), registered only when the
 * executable runs, so a machine without Tesseract simply has no such stage (its pipeline waits, and says why).
 * Tesseract does its own binarisation and layout: its pipelines use no preprocessor and ignore the LM.
 */
@Component(service = {}, immediate = true, configurationPid = "dev.ductus.peers.tesseract",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TesseractComponent.Config.class, factory = true)
public class TesseractComponent implements SequenceModel {
    private static final System.Logger LOG = System.getLogger(TesseractComponent.class.getName());

    @ObjectClassDefinition(name = "Ductus Tesseract peer")
    public @interface Config {
        String ductus_name() default "tesseract";

        String executable() default "tesseract";

        /** Page segmentation mode: 7 = one line, 6 = a block of text. */
        int psm() default 7;

        String language() default "eng";

        int timeout_seconds() default 60;
    }

    private TesseractCli cli;
    private ModelInfo info;
    private ServiceRegistration<SequenceModel> registration;

    @Activate
    void activate(BundleContext context, Config config) {
        cli = new TesseractCli(config.executable(), config.psm(), config.language(), config.timeout_seconds() * 1000L);
        String version = cli.version();
        if (version == null) {
            LOG.log(Level.WARNING, "{0}: ''{1}'' cannot be run (apt-get install tesseract-ocr tesseract-ocr-eng); stage not offered",
                    config.ductus_name(), config.executable());
            return;
        }
        info = new ModelInfo("tesseract", 1, new Alphabet(List.of()), "image", 0,
                Map.of("version", version, "psm", Integer.toString(config.psm()), "language", config.language()));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(StageProperties.STAGE, StageProperties.STAGE_SEQUENCE_MODEL);
        props.put(StageProperties.NAME, config.ductus_name());
        props.put(StageProperties.SYSTEM, "tesseract");
        registration = context.registerService(SequenceModel.class, this, props);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
            registration = null;
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Hypothesis recognize(GrayImage image, LanguageModel lm) {
        return cli.recognize(image);
    }
}
