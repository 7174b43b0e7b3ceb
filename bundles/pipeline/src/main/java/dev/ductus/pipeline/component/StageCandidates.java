package dev.ductus.pipeline.component;

import dev.ductus.api.StageProperties;
import dev.ductus.pipeline.assembly.Stages.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Filter;
import org.osgi.framework.ServiceReference;

/** All services of one stage role that are present now, from which a pipeline's filter picks one. */
final class StageCandidates<T> {
    private final Map<ServiceReference<T>, T> services = new ConcurrentHashMap<>();

    void add(ServiceReference<T> ref, T service) {
        services.put(ref, service);
    }

    void remove(ServiceReference<T> ref) {
        services.remove(ref);
    }

    boolean contains(Object service) {
        return services.containsValue(service);
    }

    /** The highest-ranked service matching the filter, or null. */
    Stage<T> best(Filter filter) {
        ServiceReference<T> best = null;
        for (ServiceReference<T> ref : services.keySet()) {
            if (filter.match(ref) && (best == null || ref.compareTo(best) > 0)) best = ref;
        }
        if (best == null) return null;
        T service = services.get(best);
        return service == null ? null : new Stage<>(nameOf(best), service);
    }

    /** Every service, highest ranking first. */
    List<Stage<T>> all() {
        List<ServiceReference<T>> refs = new ArrayList<>(services.keySet());
        refs.sort((a, b) -> b.compareTo(a));
        List<Stage<T>> out = new ArrayList<>();
        for (ServiceReference<T> ref : refs) {
            T s = services.get(ref);
            if (s != null) out.add(new Stage<>(nameOf(ref), s));
        }
        return out;
    }

    private static String nameOf(ServiceReference<?> ref) {
        Object n = ref.getProperty(StageProperties.NAME);
        return n == null ? "service#" + ref.getProperty("service.id") : String.valueOf(n);
    }
}
