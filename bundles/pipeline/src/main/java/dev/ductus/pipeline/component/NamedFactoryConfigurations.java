package dev.ductus.pipeline.component;

import java.io.IOException;
import java.lang.System.Logger.Level;
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
 * <p>Why: FileInstall 3.7.4 (the newest) only knows the old {@code factoryPid-name.cfg} convention; it reads
 * {@code dev.ductus.pipeline~ocr.cfg} as a plain configuration whose PID merely contains '~', which no
 * factory component ever sees. This listener mirrors each such configuration into the R7 named factory
 * configuration {@code getFactoryConfiguration("dev.ductus.pipeline", "ocr")}. Both have the PID text
 * {@code dev.ductus.pipeline~ocr}, so the plain one is deleted first; the copy keeps FileInstall's
 * {@code felix.fileinstall.filename}, by which FileInstall finds it again to update it when the file changes and
 * to delete it when the file goes. Both conventions work.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public class NamedFactoryConfigurations implements ConfigurationListener {
    private static final System.Logger LOG = System.getLogger(NamedFactoryConfigurations.class.getName());
    static final String MIRROR_OF = "ductus.mirror.of";

    @Reference
    private ConfigurationAdmin admin;

    @Activate
    void activate() {
        try {
            Configuration[] existing = admin.listConfigurations("(service.pid=*~*)");
            if (existing != null) {
                for (Configuration c : existing) {
                    if (c.getFactoryPid() == null) mirror(c.getPid());
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.log(Level.ERROR, "cannot list configurations: {0}", e.toString());
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (event.getFactoryPid() != null || pid == null || pid.indexOf('~') <= 0) return;
        try {
            if (event.getType() == ConfigurationEvent.CM_UPDATED) mirror(pid);
        } catch (IOException | InvalidSyntaxException e) {
            LOG.log(Level.ERROR, "cannot mirror configuration {0}: {1}", pid, e.toString());
        }
    }

    private void mirror(String pid) throws IOException, InvalidSyntaxException {
        Configuration[] found = admin.listConfigurations("(service.pid=" + escape(pid) + ")");
        if (found == null) return;
        Configuration source = null;
        for (Configuration c : found) {
            if (c.getFactoryPid() == null) source = c;
        }
        if (source == null || source.getProperties() == null) return;
        int tilde = pid.indexOf('~');
        Hashtable<String, Object> props = new Hashtable<>();
        Dictionary<String, Object> src = source.getProperties();
        for (Enumeration<String> keys = src.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            if (!k.equals("service.pid") && !k.equals("service.factoryPid") && !k.equals("service.bundleLocation")) {
                props.put(k, src.get(k));
            }
        }
        props.put(MIRROR_OF, pid);
        source.delete();
        Configuration target = admin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
        target.updateIfDifferent(props);
        LOG.log(Level.DEBUG, "{0}: now a named factory configuration", pid);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
