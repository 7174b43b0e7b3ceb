package dev.ductus.pipeline.component;

import dev.ductus.pipeline.assembly.StageSelection.Candidate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.ServiceReference;

/** All services of one stage role that are present now, with a copy of their properties, for {@code StageSelection}. */
final class StageCandidates<T> {
    private final Map<ServiceReference<T>, Candidate<T>> services = new ConcurrentHashMap<>();

    /** Adds the service, or takes its changed properties. */
    void put(ServiceReference<T> ref, T service) {
        services.put(ref, new Candidate<>(service, propertiesOf(ref)));
    }

    /** Takes the changed properties of a service already present (e.g. a swapped model's new version). */
    void update(ServiceReference<T> ref) {
        services.computeIfPresent(ref, (r, c) -> new Candidate<>(c.service(), propertiesOf(r)));
    }

    void remove(ServiceReference<T> ref) {
        services.remove(ref);
    }

    List<Candidate<T>> all() {
        return List.copyOf(services.values());
    }

    private static Map<String, Object> propertiesOf(ServiceReference<?> ref) {
        Map<String, Object> p = new HashMap<>();
        for (String k : ref.getPropertyKeys()) {
            Object v = ref.getProperty(k);
            if (v != null) p.put(k, v);
        }
        return p;
    }
}
