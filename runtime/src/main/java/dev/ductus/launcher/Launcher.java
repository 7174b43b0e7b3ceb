package dev.ductus.launcher;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.feature.FeatureConfiguration;
import org.osgi.service.feature.ID;

/**
 * Starts Felix with the bundles and configurations of a feature set, FileInstall watching the config folder.
 * ND4J and its natives sit on the launcher's class path (lib/) and are exported to bundles through
 * {@code org.osgi.framework.system.packages.extra} from lib/system-packages.txt, made at build time.
 */
final class Launcher {
    static final String FEATURE_MARKER = "ductus.feature";
    private static final List<String> START_FIRST = List.of("org.apache.felix.configadmin");
    private static final String FILEINSTALL = "org.apache.felix.fileinstall";

    private final Path home;
    private final Path configDir;
    private final Path storage;
    private final boolean cleanStorage;
    private final FeatureSet features;
    private final Map<String, String> extraProperties;
    private Framework framework;

    Launcher(Path home, Path configDir, Path storage, boolean cleanStorage, FeatureSet features,
             Map<String, String> extraProperties) {
        this.home = home;
        this.configDir = configDir;
        this.storage = storage;
        this.cleanStorage = cleanStorage;
        this.features = features;
        this.extraProperties = extraProperties;
    }

    Framework start() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        if (cleanStorage) props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackagesExtra());
        props.put("felix.log.level", "1");
        props.put("ds.loglevel", System.getProperty("ductus.ds.log", "warn"));
        props.put("felix.fileinstall.dir", configDir.toString());
        props.put("felix.fileinstall.poll", "100");
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.enableConfigSave", "false");
        props.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        props.put("felix.fileinstall.log.level", System.getProperty("ductus.fileinstall.log", "2"));
        props.put("ductus.home", home.toString());
        // configuration files say ${ductus.models}/...: FileInstall substitutes framework properties
        String cache = cacheDir().toString();
        props.put("ductus.cache", cache);
        String models = System.getProperty("ductus.models", Path.of(cache, "models").toString());
        props.put("ductus.models", models);
        try {
            for (String line : ShippedModels.install(home.resolve("models"), Path.of(models))) System.err.println("ductus: " + line);
        } catch (IOException e) {
            System.err.println("ductus: shipped models not installed: " + e.getMessage());
        }
        props.putAll(extraProperties);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        framework = factory.newFramework(props);
        framework.init();
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = install(ctx);
        framework.start();
        for (Bundle b : installed) {
            if (START_FIRST.contains(b.getSymbolicName())) start(b);
        }
        applyFeatureConfigurations(ctx);
        for (Bundle b : installed) {
            if (!FILEINSTALL.equals(b.getSymbolicName())) start(b);
        }
        // FileInstall last: the feature's configurations are in place, config/ files override them
        for (Bundle b : installed) {
            if (FILEINSTALL.equals(b.getSymbolicName())) start(b);
        }
        return framework;
    }

    private static void start(Bundle b) throws BundleException {
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && b.getState() != Bundle.ACTIVE) {
            b.start();
        }
    }

    /** Installs (or updates, when the jar changed) every bundle of the feature set; uninstalls others. */
    private List<Bundle> install(BundleContext ctx) throws BundleException, IOException {
        Path bundleDir = home.resolve("bundle");
        Map<String, Bundle> byLocation = new HashMap<>();
        for (Bundle b : ctx.getBundles()) {
            if (b.getBundleId() != 0) byLocation.put(b.getLocation(), b);
        }
        List<Bundle> out = new ArrayList<>();
        for (ID id : features.bundles()) {
            Path jar = bundleDir.resolve(id.getArtifactId() + "-" + id.getVersion() + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new LaunchException("bundle " + id + " of feature(s) " + features.names() + " is missing: " + jar);
            }
            String location = jar.toUri().toString();
            Bundle existing = byLocation.remove(location);
            if (existing == null) {
                out.add(ctx.installBundle(location));
            } else {
                if (existing.getLastModified() < Files.getLastModifiedTime(jar).toMillis()) existing.update();
                out.add(existing);
            }
        }
        for (Bundle stale : byLocation.values()) stale.uninstall();
        return out;
    }

    /**
     * Applies the features' configurations through ConfigurationAdmin (by reflection: the launcher shares no
     * classes with bundles). A configuration that came from a file in config/ (FileInstall marks it) or was
     * edited by hand is left alone.
     */
    private void applyFeatureConfigurations(BundleContext ctx) throws Exception {
        if (features.configurations().isEmpty()) return;
        ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
        if (refs == null) throw new LaunchException("ConfigurationAdmin is not running: is org.apache.felix.configadmin in feature core?");
        Object admin = ctx.getService(refs[0]);
        Method getConfiguration = admin.getClass().getMethod("getConfiguration", String.class, String.class);
        Method getFactoryConfiguration = admin.getClass().getMethod("getFactoryConfiguration", String.class, String.class, String.class);
        for (Map.Entry<String, FeatureConfiguration> e : features.configurations().entrySet()) {
            FeatureConfiguration fc = e.getValue();
            Object config = fc.getFactoryPid().isPresent()
                    ? getFactoryConfiguration.invoke(admin, fc.getFactoryPid().get(), e.getKey().substring(e.getKey().indexOf('~') + 1), "?")
                    : getConfiguration.invoke(admin, e.getKey(), "?");
            Method getProperties = config.getClass().getMethod("getProperties");
            getProperties.setAccessible(true);
            @SuppressWarnings("unchecked")
            Dictionary<String, Object> existing = (Dictionary<String, Object>) getProperties.invoke(config);
            if (existing != null && existing.get(FEATURE_MARKER) == null) continue;
            Hashtable<String, Object> values = new Hashtable<>(fc.getValues());
            values.put(FEATURE_MARKER, String.join(",", features.names()));
            if (existing != null && sameValues(existing, values)) continue;
            Method update = config.getClass().getMethod("update", Dictionary.class);
            update.setAccessible(true);
            update.invoke(config, values);
        }
    }

    private static boolean sameValues(Dictionary<String, Object> existing, Map<String, Object> values) {
        for (Map.Entry<String, Object> v : values.entrySet()) {
            Object old = existing.get(v.getKey());
            if (old == null || !java.util.Objects.deepEquals(old, v.getValue())) return false;
        }
        return true;
    }

    private String systemPackagesExtra() throws IOException {
        Path list = home.resolve("lib").resolve("system-packages.txt");
        if (!Files.isRegularFile(list)) return "";
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        return String.join(",", lines.stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    }

    /** Finds the shell's command-line entry point, waiting (on service events, not polling) for the shell to register it. */
    Object awaitCommandLine(long timeoutMillis) throws Exception {
        BundleContext ctx = framework.getBundleContext();
        org.osgi.util.tracker.ServiceTracker<Object, Object> tracker =
                new org.osgi.util.tracker.ServiceTracker<>(ctx, ctx.createFilter("(ductus.cli=true)"), null);
        tracker.open(true);
        try {
            Object cli = tracker.waitForService(timeoutMillis);
            if (cli == null) {
                throw new LaunchException("the shell did not start within " + timeoutMillis + " ms (is dev.ductus.shell in the feature?)");
            }
            // the tracker only lends the service; this framework's context keeps it for the caller
            ServiceReference<Object> ref = tracker.getServiceReference();
            return ctx.getService(ref);
        } finally {
            tracker.close();
        }
    }

    Framework framework() {
        return framework;
    }

    void stop() throws Exception {
        if (framework != null) {
            // FileInstall and ConfigAdmin first: a configuration event still queued when a short verb ends would
            // otherwise reach SCR after its bundle context is gone (Felix CM prints that as an error with a trace)
            stopBundles("org.apache.felix.fileinstall", "org.apache.felix.configadmin");
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    private void stopBundles(String... symbolicNames) {
        if (framework.getBundleContext() == null) return;
        for (String name : symbolicNames) {
            for (Bundle b : framework.getBundleContext().getBundles()) {
                if (!name.equals(b.getSymbolicName()) || b.getState() != Bundle.ACTIVE) continue;
                try {
                    b.stop(Bundle.STOP_TRANSIENT);
                } catch (BundleException | IllegalStateException e) {
                    // stopping anyway: the framework stops it next
                }
            }
        }
    }

    /** The user's cache: -Dductus.cache, else $DUCTUS_CACHE, else ~/.cache/ductus. */
    static Path cacheDir() {
        return Path.of(System.getProperty("ductus.cache", System.getenv("DUCTUS_CACHE") != null ? System.getenv("DUCTUS_CACHE")
                : Path.of(System.getProperty("user.home"), ".cache", "ductus").toString()));
    }
}
