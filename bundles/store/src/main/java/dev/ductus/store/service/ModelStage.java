package dev.ductus.store.service;

import dev.ductus.api.StageProperties;
import dev.ductus.store.ModelStore;
import dev.ductus.store.Served;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.osgi.framework.BundleContext;

/**
 * A model-serving component's OSGi side: a {@link ModelStore} and a {@link ServiceSlot}. The component's service is
 * registered while the store serves a model, with the configuration's public properties, the model's own
 * properties ({@code propertiesOf}) and {@link StageProperties#MODEL_VERSION}; a swap updates them, so
 * {@code ductus pipelines} and the pipelines see the version that serves. Thread-safe.
 *
 * @param <S> the service type the component registers (itself)
 * @param <M> the model type
 */
public final class ModelStage<S, M> implements AutoCloseable {
    private final ServiceSlot<S> slot;
    private final S service;
    private final ModelStore<M> store;
    private final Function<M, Map<String, ?>> propertiesOf;
    private volatile Map<String, ?> configured = Map.of();

    /**
     * @param type         the service interface
     * @param service      the component itself
     * @param store        its model store (watched from {@link #open} to {@link #close})
     * @param propertiesOf service properties taken from the loaded model (e.g. {@code ductus.model.chain})
     */
    public ModelStage(Class<S> type, S service, ModelStore<M> store, Function<M, Map<String, ?>> propertiesOf) {
        this.slot = new ServiceSlot<>(type);
        this.service = service;
        this.store = store;
        this.propertiesOf = propertiesOf;
        store.onServe(this::offer);
    }

    /** From the component's activate method, before the first {@link #configure}. */
    public void open(BundleContext context) {
        slot.open(context);
        store.watch();
    }

    /**
     * Serves this source with these service properties (the configuration's public ones are taken, see
     * {@link ServiceSlot#publicProperties}): loads it when it is new or changed.
     *
     * @return whether the configured source serves now
     */
    public boolean configure(ModelStore.Source source, Map<String, ?> configuration, Map<String, ?> extra) {
        configured = ServiceSlot.publicProperties(configuration, extra);
        boolean now = store.configure(source);
        Served<M> s = store.current();
        if (s != null) offer(s);
        return now;
    }

    private synchronized void offer(Served<M> s) {
        Map<String, Object> props = new LinkedHashMap<>(configured);
        props.putAll(propertiesOf.apply(s.model()));
        props.put(StageProperties.MODEL_VERSION, s.version().id());
        slot.offer(service, props);
    }

    /**
     * {@link StageProperties#MODEL_CHAIN} from a model's recorded training facts ({@code chain}, or
     * {@code preprocessing} as the hybrid trainers write it), or nothing when the model does not record its chain.
     */
    public static Map<String, Object> chainOf(Map<String, String> facts) {
        String chain = facts.get("chain");
        if (chain == null || chain.isBlank()) chain = facts.get("preprocessing");
        return chain == null || chain.isBlank() ? Map.of() : Map.of(StageProperties.MODEL_CHAIN, chain.trim());
    }

    /** The model being served and its version; throws "NAME: not ready: ..." while there is none. */
    public Served<M> require() {
        return store.require();
    }

    public ModelStore<M> store() {
        return store;
    }

    /** From the component's deactivate method: unregisters the service and stops watching. */
    @Override
    public void close() {
        slot.close();
        store.close();
    }
}
