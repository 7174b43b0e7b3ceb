package dev.ductus.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The model of one stage: loads and verifies it from its files, serves it, and swaps it when the configured source
 * changes or the files' content does (a trainer writing the configured path again, atomically or not). A new file
 * that does not load is refused with one log line and the old model keeps serving; the refused content is not
 * retried until it changes again. Readers take {@link #current()} once per request and finish on that model.
 *
 * <p>A content change is loaded once the files have stopped changing (two looks, {@code settle} apart, see the
 * same size, time and file key), so a file copied in place in several writes is not loaded half-written; an atomic
 * rename settles at once. {@link #watch()} hands the store to the shared {@link ModelWatch}; {@link #refresh()}
 * checks now.
 *
 * @param <M> the model type
 */
public final class ModelStore<M> implements AutoCloseable {
    /** Reads and verifies a model from its files; throws with a message naming the file and the problem. */
    @FunctionalInterface
    public interface Loader<M> {
        M load(List<Path> files) throws IOException;
    }

    /**
     * What to serve: the files, and a key for the rest of the configuration that changes what the loader makes of
     * them (e.g. {@code unit=word}); a change of either reloads. A non-blank {@code sha256} pins the content: other
     * content is refused.
     */
    public record Source(List<Path> files, String key, String sha256) {
        public Source {
            files = List.copyOf(files);
            if (files.isEmpty()) throw new IllegalArgumentException("a model source needs at least one file");
            key = key == null ? "" : key;
            sha256 = sha256 == null ? "" : sha256.trim().toLowerCase(java.util.Locale.ROOT);
        }

        public static Source of(Path file) {
            return new Source(List.of(file), "", "");
        }
    }

    private static final System.Logger LOG = System.getLogger(ModelStore.class.getName());

    private final String name;
    private final Loader<M> loader;
    private final long settleMillis;
    private final List<Consumer<Served<M>>> listeners = new CopyOnWriteArrayList<>();

    private volatile Served<M> served;
    private volatile String status = "not configured";
    /** Guarded by this. */
    private Source source;
    private FileContent.Stamp servedStamp;
    private FileContent.Stamp pendingStamp;
    private long pendingSince;
    private FileContent.Stamp refusedStamp;
    private Source refusedSource;
    private boolean closed;

    /**
     * @param name         the stage's name, for versions and log lines
     * @param loader       reads one model from its files
     * @param settleMillis how long changed files must stay unchanged before they are loaded
     */
    public ModelStore(String name, Loader<M> loader, long settleMillis) {
        this.name = Objects.requireNonNull(name);
        this.loader = Objects.requireNonNull(loader);
        this.settleMillis = Math.max(0, settleMillis);
    }

    public ModelStore(String name, Loader<M> loader) {
        this(name, loader, 200);
    }

    public String name() {
        return name;
    }

    /** Called with the newly served model after each successful load (not with the model it replaced). */
    public void onServe(Consumer<Served<M>> listener) {
        listeners.add(listener);
    }

    /**
     * Serves this source: loads it now unless the same source is already served from unchanged files. A source that
     * does not load keeps the old model (if any) serving.
     *
     * @return whether the model served now is this source's
     */
    public boolean configure(Source next) {
        Objects.requireNonNull(next);
        Served<M> loaded;
        synchronized (this) {
            if (closed) return false;
            boolean same = next.equals(source);
            source = next;
            FileContent.Stamp stamp = FileContent.stamp(next.files());
            if (same && served != null && stamp.equals(servedStamp)) return true;
            if (same && stamp.equals(refusedStamp) && next.equals(refusedSource)) return false;
            loaded = load(next, stamp);
        }
        notifyServed(loaded);
        return loaded != null;
    }

    /**
     * Looks at the files once: when their content changed and has settled, loads it. Cheap when nothing changed
     * (one stat per file).
     *
     * @return whether a new model was swapped in
     */
    public boolean refresh() {
        Served<M> loaded;
        synchronized (this) {
            if (closed || source == null) return false;
            FileContent.Stamp stamp = FileContent.stamp(source.files());
            if (stamp.equals(servedStamp) || stamp.equals(refusedStamp) || stamp.anyMissing()) {
                pendingStamp = null;
                return false;
            }
            long now = System.nanoTime();
            if (!stamp.equals(pendingStamp)) {
                pendingStamp = stamp;
                pendingSince = now;
                if (settleMillis > 0) return false;
            } else if ((now - pendingSince) / 1_000_000 < settleMillis) {
                return false;
            }
            pendingStamp = null;
            loaded = load(source, stamp);
        }
        notifyServed(loaded);
        return loaded != null;
    }

    /** Loads under the lock; returns the new Served, or null (logged) when refused. */
    private Served<M> load(Source src, FileContent.Stamp stamp) {
        Served<M> old = served;
        try {
            String sha = FileContent.sha256(src.files());
            if (!src.sha256().isEmpty() && !src.sha256().equals(sha)) {
                throw new IOException(src.files().get(0) + ": content SHA-256 " + sha + " is not the pinned " + src.sha256());
            }
            M model = Objects.requireNonNull(loader.load(src.files()), "the loader returned no model");
            FileContent.Stamp after = FileContent.stamp(src.files());
            if (!after.equals(stamp)) {
                // written to while we read: serve nothing from it, look again once it has settled
                pendingStamp = null;
                status = (old == null ? "waiting" : "serving " + old.version().id()) + ": " + src.files().get(0)
                        + " changed while it was read; reading it again once it settles";
                return null;
            }
            ModelVersion version = new ModelVersion(name, src.files(), sha, FileContent.size(src.files()), Instant.now());
            Served<M> next = new Served<>(model, version);
            served = next;
            servedStamp = stamp;
            refusedStamp = null;
            refusedSource = null;
            status = "serving " + version.id();
            if (old == null) LOG.log(Level.INFO, "{0}: serving {1} from {2}", name, version.id(), src.files().get(0));
            else LOG.log(Level.INFO, "{0}: swapped {1} for {2} from {3}", name, old.version().id(), version.id(), src.files().get(0));
            return next;
        } catch (IOException | RuntimeException e) {
            refusedStamp = stamp;
            refusedSource = src;
            String why = oneLine(e);
            if (old == null) {
                status = "waiting: " + why;
                // a file not made yet is the normal state of an untrained system (`ductus pipelines` says so); a file
                // that is there and does not load is worth a warning
                boolean absent = src.files().stream().anyMatch(f -> !java.nio.file.Files.exists(f));
                LOG.log(absent ? Level.INFO : Level.WARNING, "{0}: no model to serve yet: {1}", name, why);
            } else {
                status = "serving " + old.version().id() + "; refused " + src.files().get(0) + ": " + why;
                LOG.log(Level.ERROR, "{0}: refused {1}, still serving {2}: {3}", name, src.files().get(0), old.version().id(), why);
            }
            return null;
        }
    }

    private void notifyServed(Served<M> s) {
        if (s == null) return;
        for (Consumer<Served<M>> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, name + ": a listener failed on " + s.version().id(), e);
            }
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
        return m.replace('\n', ' ');
    }

    /** Whether a change has been seen that waits to settle (the watch looks again soon). */
    synchronized boolean pending() {
        return pendingStamp != null;
    }

    long settleMillis() {
        return settleMillis;
    }

    /** The model being served and its version, or null while there is none. */
    public Served<M> current() {
        return served;
    }

    /** The model being served; throws {@link IllegalStateException} ("NAME: not ready: ...") while there is none. */
    public Served<M> require() {
        Served<M> s = served;
        if (s == null) throw new IllegalStateException(name + ": not ready: " + status);
        return s;
    }

    /** One line: what is served, or what it waits for, and the last refusal. */
    public String status() {
        return status;
    }

    /** Hands this store to the shared watch, which calls {@link #refresh()} when its files change. */
    public ModelStore<M> watch() {
        ModelWatch.shared().add(this);
        return this;
    }

    synchronized List<Path> files() {
        return source == null ? List.of() : source.files();
    }

    /** Stops watching; the last model stays readable through {@link #current()} for requests still running. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        ModelWatch.shared().remove(this);
    }
}
