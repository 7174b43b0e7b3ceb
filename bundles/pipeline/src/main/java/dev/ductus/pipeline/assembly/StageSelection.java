package dev.ductus.pipeline.assembly;

import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.image.LineSegmenter;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.model.SequenceModel;
import dev.ductus.pipeline.assembly.Stages.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/**
 * Which stages a pipeline uses, decided in plain Java from the services present now (each a {@link Candidate}:
 * the service and its properties) and the pipeline's filters. Among the candidates a filter matches, the highest
 * {@code service.ranking} wins, then the lowest {@code service.id} (the oldest registration), as OSGi ranks
 * references. A filter that matches nothing keeps the previous stage while it is still present (the pipeline
 * is "degraded" and keeps serving); without a previous stage the role is missing and the pipeline is not ready.
 * A model that records the preprocessing chain it was trained on ({@code ductus.model.chain}) is refused by a
 * pipeline whose preprocessor is another one.
 */
public final class StageSelection {
    /** One service present now: the object, its properties, its id and ranking. */
    public record Candidate<T>(T service, Map<String, ?> properties) {
        public Candidate {
            properties = Map.copyOf(properties);
        }

        long id() {
            return properties.get("service.id") instanceof Number n ? n.longValue() : Long.MAX_VALUE;
        }

        int ranking() {
            return properties.get("service.ranking") instanceof Integer r ? r : 0;
        }

        String name() {
            Object n = properties.get(StageProperties.NAME);
            return n == null ? "service#" + properties.get("service.id") : String.valueOf(n);
        }

        Stage<T> stage() {
            return new Stage<>(name(), service, versionOf(this));
        }
    }

    /** Best first: highest ranking, then lowest service id. */
    static final Comparator<Candidate<?>> ORDER = Comparator.<Candidate<?>>comparingInt(Candidate::ranking).reversed()
            .thenComparingLong(Candidate::id);

    /** The pipeline's filters (LDAP syntax; blank: the role is not used). */
    public record Filters(String preprocessor, String segmenter, String model, String decoder, String lm) {
    }

    /** The candidates of every role, as present now. */
    public record Present(List<Candidate<Preprocessor>> preprocessors, List<Candidate<LineSegmenter>> segmenters,
                          List<Candidate<OpticalModel>> opticals, List<Candidate<SequenceModel>> sequences,
                          List<Candidate<Decoder>> decoders, List<Candidate<LanguageModel>> lms) {
        public static final Present NONE = new Present(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * A pipeline's whole published state, replaced in one write: a request reads it once and either runs on its
     * stages (ready) or is refused with its status; it never sees stages of one state with the readiness of another.
     *
     * @param stages   the stages to run on
     * @param ready    whether every configured role has a stage
     * @param status   "ready: ...", "degraded (kept previous stages): ..." or "waiting for ..."
     * @param problems the filters that matched nothing while a previous stage was kept
     * @param version  the version of the model in use ({@code ductus.model.version}), or null
     */
    public record State(Stages stages, boolean ready, String status, List<String> problems, String version) {
        public static final State STARTING = new State(Stages.NONE, false, "waiting: starting", List.of(), null);

        public State {
            problems = List.copyOf(problems);
        }

        /** The name of the optical or sequence model in use, or null. */
        public String modelName() {
            if (stages.optical() != null) return stages.optical().name();
            return stages.sequence() == null ? null : stages.sequence().name();
        }
    }

    private StageSelection() {
    }

    /** Chooses the stages for these filters among the present candidates, keeping stages of {@code previous}. */
    public static State select(Filters f, Present present, State previous) {
        Stages old = previous.stages();
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Stage<Preprocessor> pre = choose("preprocessor", f.preprocessor(), present.preprocessors(), old.preprocessor(), problems, missing);
        Stage<LineSegmenter> seg = choose("line segmenter", f.segmenter(), present.segmenters(), old.segmenter(), problems, missing);
        Stage<OpticalModel> opt = null;
        Stage<SequenceModel> seq = null;
        String version = null;
        if (!blank(f.model())) {
            Predicate<Map<String, ?>> filter = parse(f.model());
            // a model trained on another preprocessing chain than this pipeline's is no candidate
            String chain = pre == null ? "" : pre.name();
            List<String> refused = new ArrayList<>();
            Predicate<Map<String, ?>> usable = p -> {
                if (filter == null || !filter.test(p)) return false;
                Object recorded = p.get(StageProperties.MODEL_CHAIN);
                if (recorded == null || String.valueOf(recorded).isBlank() || String.valueOf(recorded).equals(chain)) return true;
                refused.add(p.get(StageProperties.NAME) + " was trained on preprocessing chain '" + recorded
                        + "', this pipeline's is '" + (chain.isEmpty() ? "none" : chain) + "'");
                return false;
            };
            Candidate<OpticalModel> optC = best(present.opticals(), usable);
            Candidate<SequenceModel> seqC = optC != null ? null : best(present.sequences(), usable);
            if (optC != null) {
                opt = optC.stage();
                version = versionOf(optC);
            } else if (seqC != null) {
                seq = seqC.stage();
                version = versionOf(seqC);
            } else {
                String problem = filter == null ? "a model filter that parses (" + printable(f.model()) + " does not)"
                        : !refused.isEmpty() ? "a model for its preprocessing (" + String.join("; ", refused) + ")"
                        : "a model matching " + printable(f.model());
                Candidate<OpticalModel> keptOpt = old.optical() == null ? null : find(present.opticals(), old.optical().service());
                Candidate<SequenceModel> keptSeq = old.sequence() == null ? null : find(present.sequences(), old.sequence().service());
                if (keptOpt != null) {
                    opt = old.optical();
                    version = versionOf(keptOpt);
                    problems.add("no " + problem.replaceFirst("^a ", "") + "; keeping " + opt.name());
                } else if (keptSeq != null) {
                    seq = old.sequence();
                    version = versionOf(keptSeq);
                    problems.add("no " + problem.replaceFirst("^a ", "") + "; keeping " + seq.name());
                } else {
                    missing.add(problem);
                }
            }
        }
        Stage<Decoder> dec = null;
        List<Stage<Decoder>> anyDecoder = List.of();
        if (opt != null) {
            if (blank(f.decoder())) {
                List<Candidate<Decoder>> all = new ArrayList<>(present.decoders());
                all.sort(ORDER);
                anyDecoder = all.stream().map(Candidate::stage).toList();
                if (anyDecoder.isEmpty()) missing.add("a decoder (none is installed)");
            } else {
                dec = choose("decoder", f.decoder(), present.decoders(), old.decoder(), problems, missing);
            }
        }
        Stage<LanguageModel> lm = choose("language model", f.lm(), present.lms(), old.lm(), problems, missing);
        Stages next = new Stages(pre, seg, opt, seq, dec, anyDecoder, lm);
        boolean ready = missing.isEmpty();
        String status = !ready ? "waiting for " + String.join("; ", missing)
                : !problems.isEmpty() ? "degraded (kept previous stages): " + String.join("; ", problems)
                : "ready: " + next.describe();
        return new State(next, ready, status, problems, version);
    }

    private static String versionOf(Candidate<?> c) {
        Object v = c.properties().get(StageProperties.MODEL_VERSION);
        return v == null ? null : String.valueOf(v);
    }

    /**
     * The stage for one role: the best match; else the previous stage while it is still present (a problem: noted,
     * the pipeline keeps serving); else none, and the role is noted missing. A blank filter: no stage, nothing noted.
     */
    private static <T> Stage<T> choose(String role, String filterText, List<Candidate<T>> candidates, Stage<T> previous,
                                       List<String> problems, List<String> missing) {
        if (blank(filterText)) return null;
        Predicate<Map<String, ?>> filter = parse(filterText);
        Candidate<T> found = filter == null ? null : best(candidates, filter);
        if (found != null) return found.stage();
        String problem = filter == null ? "a " + role + " filter that parses (" + printable(filterText) + " does not)"
                : "a " + role + " matching " + printable(filterText);
        if (previous != null && find(candidates, previous.service()) != null) {
            problems.add("no " + problem.replaceFirst("^a ", "") + "; keeping " + previous.name());
            return previous;
        }
        missing.add(problem);
        return null;
    }

    /** The best candidate the filter matches, or null. */
    static <T> Candidate<T> best(List<Candidate<T>> candidates, Predicate<Map<String, ?>> filter) {
        Candidate<T> best = null;
        for (Candidate<T> c : candidates) {
            if (filter.test(c.properties()) && (best == null || ORDER.compare(c, best) < 0)) best = c;
        }
        return best;
    }

    private static <T> Candidate<T> find(List<Candidate<T>> candidates, T service) {
        for (Candidate<T> c : candidates) {
            if (Objects.equals(c.service(), service)) return c;
        }
        return null;
    }

    /** The filter as a predicate over service properties, or null when it does not parse. */
    public static Predicate<Map<String, ?>> parse(String filterText) {
        try {
            Filter filter = FrameworkUtil.createFilter(filterText.trim());
            return filter::matches;
        } catch (InvalidSyntaxException e) {
            return null;
        }
    }

    /**
     * A filter as it goes into a one-line status: control characters (a newline escaped into a configuration
     * value) shown as '?'. Found by PipelineConfigurationFuzzTest.
     */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) || !Character.isDefined(c) ? '?' : c));
        return sb.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
