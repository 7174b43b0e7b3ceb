package dev.ductus.pipeline.component;

import dev.ductus.store.service.ServiceFilters;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Makes {@code factoryPid~name.cfg} files in config/ real named factory configurations.
 *
 * <p>Why: FileInstall 3.7.4 (the newest) only knows the old {@code factoryPid-name.cfg} convention. It reads
 * {@code dev.ductus.pipeline~ocr.cfg} as a plain configuration whose PID merely contains '~', and
 * {@code dev.ductus.pipeline~my-ocr.cfg} as a factory configuration of the factory PID
 * {@code dev.ductus.pipeline~my}; no component ever sees either. This listener replaces such a configuration by
 * the R7 named factory configuration {@code getFactoryConfiguration("dev.ductus.pipeline", "my-ocr")} the file
 * name means. The replacement keeps FileInstall's {@code felix.fileinstall.filename}, by which FileInstall finds
 * it again to update it when the file changes and to delete it when the file goes.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public class NamedFactoryConfigurations implements ConfigurationListener {
    private static final System.Logger LOG = System.getLogger(NamedFactoryConfigurations.class.getName());
    static final String FILENAME = "felix.fileinstall.filename";

    @Reference
    private ConfigurationAdmin admin;

    @Activate
    void activate() {
        try {
            Configuration[] existing = admin.listConfigurations("(" + FILENAME + "=*~*)");
            if (existing != null) {
                for (Configuration c : existing) {
                    try {
                        convert(c);
                    } catch (IllegalStateException deleted) {
                        // converted (or deleted by FileInstall) meanwhile: nothing left to do for it
                    }
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.log(Level.ERROR, "cannot list configurations: {0}", e.toString());
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() != ConfigurationEvent.CM_UPDATED) return;
        try {
            Configuration[] found = admin.listConfigurations(ServiceFilters.equal("service.pid", event.getPid()));
            if (found != null) {
                for (Configuration c : found) convert(c);
            }
        } catch (IllegalStateException stopping) {
            // ConfigurationAdmin went away while the framework stops: the file is converted on the next start
            LOG.log(Level.DEBUG, "not converting {0} now: {1}", event.getPid(), stopping.toString());
        } catch (IOException | InvalidSyntaxException e) {
            LOG.log(Level.ERROR, "cannot convert configuration {0}: {1}", event.getPid(), e.toString());
        }
    }

    /** Replaces a configuration read from a {@code factoryPid~name} file by the named factory configuration. */
    private void convert(Configuration source) throws IOException {
        Dictionary<String, Object> src = source.getProperties();
        if (src == null || src.get(FILENAME) == null) return;
        String[] factoryAndName = factoryAndName(String.valueOf(src.get(FILENAME)));
        if (factoryAndName == null) return;
        String wantedPid = factoryAndName[0] + "~" + factoryAndName[1];
        if (factoryAndName[0].equals(source.getFactoryPid()) && wantedPid.equals(source.getPid())) return;
        Hashtable<String, Object> props = new Hashtable<>();
        for (Enumeration<String> keys = src.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            if (!k.equals("service.pid") && !k.equals("service.factoryPid") && !k.equals("service.bundleLocation")) {
                props.put(k, src.get(k));
            }
        }
        // the plain configuration may hold the very PID the named one gets: it goes first
        source.delete();
        Configuration target = admin.getFactoryConfiguration(factoryAndName[0], factoryAndName[1], "?");
        target.updateIfDifferent(props);
        LOG.log(Level.DEBUG, "{0}: now the named factory configuration {1}", src.get(FILENAME), wantedPid);
    }

    /** {@code .../dev.ductus.pipeline~my-ocr.cfg} to {"dev.ductus.pipeline", "my-ocr"}, or null. */
    static String[] factoryAndName(String fileUri) {
        String path;
        try {
            path = URI.create(fileUri).getPath();
        } catch (IllegalArgumentException e) {
            path = fileUri;
        }
        if (path == null) path = fileUri;
        String base = path.substring(path.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) base = base.substring(0, dot);
        int tilde = base.indexOf('~');
        if (tilde <= 0 || tilde == base.length() - 1) return null;
        return new String[] {base.substring(0, tilde), base.substring(tilde + 1)};
    }
}
