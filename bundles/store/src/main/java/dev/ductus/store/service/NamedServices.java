package dev.ductus.store.service;

import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import java.util.Map;
import java.util.TreeSet;
import java.util.HashMap;

/**
 * Services of one kind by their {@code ductus.name}, for a component's dynamic multiple reference (bind and unbind
 * call {@link #add} and {@link #remove}): a trainer picks the preprocessing chain a run names, for instance.
 *
 * @param <S> the service type
 */
public final class NamedServices<S> {
    private final String kind;
    private final Map<String, S> byName = new HashMap<>();

    /** @param kind what the services are, for messages ("preprocessing chain") */
    public NamedServices(String kind) {
        this.kind = kind;
    }

    public void add(S service, Map<String, ?> properties) {
        Object name = properties.get(StageProperties.NAME);
        if (name == null) return;
        synchronized (byName) {
            byName.put(String.valueOf(name), service);
            byName.notifyAll();
        }
    }

    public void remove(S service) {
        synchronized (byName) {
            byName.values().removeIf(s -> s == service);
        }
    }

    /**
     * The service of this name, waiting up to {@code waitMillis} for it to register (a framework that has just
     * started may not have it yet).
     *
     * @throws InputException naming the registered ones when there is none of that name
     */
    public S get(String name, long waitMillis) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        synchronized (byName) {
            // woken by add(): no polling
            S s = byName.get(name);
            long left;
            while (s == null && (left = deadline - System.nanoTime()) > 0) {
                try {
                    byName.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                s = byName.get(name);
            }
            if (s == null) throw new InputException(kind + " '" + name + "'", "not registered (registered: " + new TreeSet<>(byName.keySet()) + ")");
            return s;
        }
    }
}
