package dev.ductus.store.service;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A service a component registers itself, and only while it has something to serve: a model stage whose file is
 * missing or unreadable stays out of the registry (pipelines wait for it and name it) instead of failing its
 * activation, and appears as soon as a later configuration or a rebuilt file loads. Thread-safe.
 *
 * @param <S> the service type
 */
public final class ServiceSlot<S> {
    private final Class<S> type;
    private BundleContext context;
    private ServiceRegistration<S> registration;

    public ServiceSlot(Class<S> type) {
        this.type = type;
    }

    /** Binds the slot to the component's bundle context (from its activate method). */
    public synchronized void open(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    /** Registers the service with these properties, or updates the properties of the registered one. */
    public synchronized void offer(S service, Map<String, ?> properties) {
        if (context == null) return;
        Dictionary<String, Object> props = new Hashtable<>();
        properties.forEach((k, v) -> {
            if (v != null) props.put(k, v);
        });
        if (registration == null) registration = context.registerService(type, service, props);
        else registration.setProperties(props);
    }

    /** Whether the service is registered now. */
    public synchronized boolean offered() {
        return registration != null;
    }

    /** Unregisters the service (from the component's deactivate method); the slot can be opened again. */
    public synchronized void close() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
            registration = null;
        }
        context = null;
    }

    /**
     * The configuration's public properties (names not starting with '.', none of the component.* and
     * service.* ones) plus the given ones, for {@link #offer}.
     */
    public static Map<String, Object> publicProperties(Map<String, ?> configuration, Map<String, ?> extra) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        configuration.forEach((k, v) -> {
            if (!k.startsWith(".") && !k.startsWith("component.") && !k.startsWith("service.") && !k.equals("objectClass")) {
                out.put(k, v);
            }
        });
        out.putAll(extra);
        return out;
    }
}
