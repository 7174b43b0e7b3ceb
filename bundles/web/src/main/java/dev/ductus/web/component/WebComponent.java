package dev.ductus.web.component;

import dev.ductus.api.StageProperties;
import dev.ductus.api.cli.Command;
import dev.ductus.api.data.DatasetProvider;
import dev.ductus.api.image.ImageLoader;
import dev.ductus.api.recognize.Recognizer;
import dev.ductus.data.CacheFolder;
import dev.ductus.web.api.WebApi;
import dev.ductus.web.api.WebLimits;
import dev.ductus.web.api.WebServices;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The recognition service in the running framework (configuration {@code dev.ductus.web}): registers the API and
 * the page as one servlet on the Jakarta Servlet Whiteboard, and sets the HTTP server's address (configuration
 * {@code org.apache.felix.http}) from its own: {@code port} (8737; {@code ductus serve --port} overrides it),
 * {@code host} (127.0.0.1: loopback unless asked), {@code token}, {@code max.body.bytes}, {@code timeout.seconds},
 * {@code workers}, {@code queue}. Pipelines, models and verbs are tracked live, so a hot swap shows in the next
 * answer.
 */
@Component(service = {}, immediate = true, configurationPid = WebComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class WebComponent implements WebServices {
    static final String PID = "dev.ductus.web";
    static final String HTTP_PID = "org.apache.felix.http";
    static final int DEFAULT_PORT = 8737;
    private static final System.Logger LOG = System.getLogger(WebComponent.class.getName());

    private final Map<ServiceReference<Recognizer>, Recognizer> recognizers = new ConcurrentHashMap<>();
    private final Map<ServiceReference<Command>, Command> commands = new ConcurrentHashMap<>();
    private volatile ImageLoader imageLoader;
    private volatile DatasetProvider datasetProvider;

    private volatile ConfigurationAdmin configurationAdmin;

    private BundleContext context;
    private WebApi api;
    private Map<String, Object> properties = Map.of();
    private ServiceRegistration<Servlet> registration;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) throws IOException {
        this.context = context;
        start(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) throws IOException {
        stop();
        start(properties);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    private synchronized void start(Map<String, Object> properties) throws IOException {
        this.properties = properties;
        WebLimits defaults = WebLimits.defaults();
        WebLimits limits = new WebLimits(
                longValue(properties, "max.body.bytes", defaults.maxBodyBytes()),
                (long) (doubleValue(properties, "timeout.seconds", defaults.timeoutMillis() / 1000.0) * 1000),
                (int) longValue(properties, "workers", defaults.workers()),
                (int) longValue(properties, "queue", defaults.queue()),
                (int) longValue(properties, "zip.entries", defaults.maxZipEntries()),
                longValue(properties, "zip.bytes", defaults.maxZipBytes()),
                string(properties, "token", ""));
        Path scratch = Files.createTempDirectory("ductus-web-");
        api = new WebApi(this, limits, scratch);
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("osgi.http.whiteboard.servlet.pattern", "/*");
        p.put("osgi.http.whiteboard.servlet.name", "ductus-web");
        p.put("osgi.http.whiteboard.servlet.multipart.enabled", Boolean.TRUE);
        p.put("osgi.http.whiteboard.servlet.multipart.maxFileSize", limits.maxBodyBytes());
        p.put("osgi.http.whiteboard.servlet.multipart.maxRequestSize", limits.maxBodyBytes() + (1 << 20));
        registration = context.registerService(Servlet.class, new WebServlet(api), p);
        configureServer();
    }

    private synchronized void stop() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException ignored) {
                // already gone with the bundle
            }
            registration = null;
        }
        if (api != null) {
            api.close();
            api = null;
        }
    }

    /** Points the HTTP server at this service's address (a change restarts it; the same address changes nothing). */
    private synchronized void configureServer() {
        if (api == null) return;
        WebLimits limits = api.limits();
        String override = context.getProperty("ductus.web.port");
        int port = override != null && !override.isBlank() ? Integer.parseInt(override.trim())
                : (int) longValue(properties, "port", DEFAULT_PORT);
        String host = string(properties, "host", "127.0.0.1");
        if (!loopback(host) && limits.token().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "web: serving on " + host + " (not loopback) without a token: anyone who can reach it"
                    + " can use it; set token in " + PID);
        }
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) return;
        try {
            Configuration c = admin.getConfiguration(HTTP_PID, "?");
            Dictionary<String, Object> now = c.getProperties();
            if (now != null && Objects.equals(String.valueOf(now.get("org.osgi.service.http.port")), String.valueOf(port))
                    && Objects.equals(now.get("org.apache.felix.http.host"), host)) {
                return;
            }
            Hashtable<String, Object> d = new Hashtable<>();
            d.put("org.osgi.service.http.port", port);
            d.put("org.apache.felix.http.host", host);
            d.put("org.apache.felix.http.name", "ductus");
            c.update(d);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "web: could not set the HTTP server's address: " + e.getMessage());
        }
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // ---- WebServices over live services ----

    @Override
    public List<PipelineInfo> pipelines() {
        List<PipelineInfo> out = new ArrayList<>();
        recognizers.forEach((ref, r) -> out.add(new PipelineInfo(r.name(),
                Boolean.TRUE.equals(ref.getProperty(StageProperties.READY)),
                text(ref.getProperty(StageProperties.STATUS)),
                text(ref.getProperty(StageProperties.INPUT)),
                text(ref.getProperty(StageProperties.DESCRIPTION)),
                text(ref.getProperty(StageProperties.DATA)),
                ref.getProperty(StageProperties.MODEL) == null ? null : String.valueOf(ref.getProperty(StageProperties.MODEL)),
                ref.getProperty(StageProperties.MODEL_VERSION) == null ? null : String.valueOf(ref.getProperty(StageProperties.MODEL_VERSION)),
                r)));
        return out;
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    @Override
    public Optional<ImageLoader> imageLoader() {
        return Optional.ofNullable(imageLoader);
    }

    @Override
    public Optional<DatasetProvider> datasets() {
        return Optional.ofNullable(datasetProvider);
    }

    @Override
    public Optional<Command> command(String verb) {
        for (Map.Entry<ServiceReference<Command>, Command> e : commands.entrySet()) {
            if (verb.equals(e.getKey().getProperty(Command.VERB))) return Optional.of(e.getValue());
        }
        return Optional.empty();
    }

    @Override
    public Path reports() {
        return CacheFolder.reports();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetConfigurationAdmin")
    void setConfigurationAdmin(ConfigurationAdmin admin) {
        this.configurationAdmin = admin;
        configureServer();
    }

    void unsetConfigurationAdmin(ConfigurationAdmin admin) {
        if (this.configurationAdmin == admin) this.configurationAdmin = null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeRecognizer")
    void addRecognizer(ServiceReference<Recognizer> ref, Recognizer r) {
        recognizers.put(ref, r);
    }

    void removeRecognizer(ServiceReference<Recognizer> ref) {
        recognizers.remove(ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeCommand")
    void addCommand(ServiceReference<Command> ref, Command c) {
        commands.put(ref, c);
    }

    void removeCommand(ServiceReference<Command> ref) {
        commands.remove(ref);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetImageLoader")
    void setImageLoader(ImageLoader loader) {
        this.imageLoader = loader;
    }

    void unsetImageLoader(ImageLoader loader) {
        if (this.imageLoader == loader) this.imageLoader = null;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetDatasetProvider")
    void setDatasetProvider(DatasetProvider provider) {
        this.datasetProvider = provider;
    }

    void unsetDatasetProvider(DatasetProvider provider) {
        if (this.datasetProvider == provider) this.datasetProvider = null;
    }

    // ---- configuration values (strings from .cfg files, numbers from ConfigAdmin) ----

    static long longValue(Map<String, Object> p, String key, long otherwise) {
        Object v = p.get(key);
        if (v == null || String.valueOf(v).isBlank()) return otherwise;
        if (v instanceof Number n) return n.longValue();
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PID + ": " + key + " must be a whole number, not '" + v + "'");
        }
    }

    static double doubleValue(Map<String, Object> p, String key, double otherwise) {
        Object v = p.get(key);
        if (v == null || String.valueOf(v).isBlank()) return otherwise;
        if (v instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PID + ": " + key + " must be a number, not '" + v + "'");
        }
    }

    static String string(Map<String, Object> p, String key, String otherwise) {
        Object v = p.get(key);
        return v == null || String.valueOf(v).isBlank() ? otherwise : String.valueOf(v).trim();
    }
}
