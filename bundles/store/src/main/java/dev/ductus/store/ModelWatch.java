package dev.ductus.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for every watched {@link ModelStore}: it waits on a {@link WatchService} over the folders of
 * the stores' files (a trainer's rename shows up at once) and, at the latest every {@code ductus.model.poll.ms}
 * milliseconds (default 1000), looks at every store's files, which also covers file systems without change events
 * and a settling copy. The thread ends when the last store is removed and starts again with the next.
 */
public final class ModelWatch {
    private static final System.Logger LOG = System.getLogger(ModelWatch.class.getName());
    private static final ModelWatch SHARED = new ModelWatch(Long.getLong("ductus.model.poll.ms", 1000));

    private final long pollMillis;
    private final Set<ModelStore<?>> stores = new CopyOnWriteArraySet<>();
    private Thread thread;
    private WatchService watcher;
    private final Map<Path, WatchKey> folders = new HashMap<>();

    ModelWatch(long pollMillis) {
        this.pollMillis = Math.max(10, pollMillis);
    }

    public static ModelWatch shared() {
        return SHARED;
    }

    synchronized void add(ModelStore<?> store) {
        stores.add(store);
        if (thread == null) {
            try {
                watcher = FileSystems.getDefault().newWatchService();
            } catch (IOException | UnsupportedOperationException e) {
                watcher = null;
            }
            thread = new Thread(this::run, "ductus-model-watch");
            thread.setDaemon(true);
            thread.start();
        }
        registerFolders(store);
    }

    synchronized void remove(ModelStore<?> store) {
        stores.remove(store);
        if (stores.isEmpty() && thread != null) {
            thread.interrupt();
            thread = null;
            closeWatcher();
        }
    }

    /** How many stores are watched (for tests and the shell). */
    public int size() {
        return stores.size();
    }

    private void registerFolders(ModelStore<?> store) {
        if (watcher == null) return;
        for (Path f : store.files()) {
            Path dir = f.toAbsolutePath().getParent();
            if (dir == null || folders.containsKey(dir)) continue;
            try {
                folders.put(dir, dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
            } catch (IOException | RuntimeException e) {
                // a folder that does not exist yet: the poll covers it
            }
        }
    }

    private synchronized void closeWatcher() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
        watcher = null;
        folders.clear();
    }

    private void run() {
        Thread me = Thread.currentThread();
        WatchService w;
        synchronized (this) {
            w = watcher;
        }
        long wait = pollMillis;
        while (!me.isInterrupted()) {
            try {
                if (w != null) {
                    WatchKey key = w.poll(wait, TimeUnit.MILLISECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                    }
                } else {
                    Thread.sleep(wait);
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            wait = pollMillis;
            for (ModelStore<?> s : List.copyOf(stores)) {
                try {
                    s.refresh();
                    // a change waiting to settle is looked at again once it may have
                    if (s.pending()) wait = Math.min(wait, Math.max(10, s.settleMillis() + 10));
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, s.name() + ": refresh failed", e);
                }
            }
            synchronized (this) {
                if (thread != me) return;
                for (ModelStore<?> s : stores) registerFolders(s);
            }
        }
    }
}
