package dev.ductus.image.step;

import dev.ductus.api.image.Preprocessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps track of the preprocessing steps that are available by name and assembles the configured chain from
 * them, or says which named steps are missing. Of several steps with one name, the one with the highest ranking
 * wins, then the one added first (lowest id), the OSGi rule for picking among services. Plain Java and
 * thread-safe, so the chain component only translates service events into calls here.
 */
public final class ChainAssembly {
    /** The chain when every step is present; otherwise null and the missing names. */
    public record State(PreprocessingChain chain, List<String> missing) {
        public boolean complete() {
            return chain != null;
        }
    }

    private record Candidate(Preprocessor step, int ranking, long id) {
    }

    private static final Comparator<Candidate> PREFERENCE =
            Comparator.comparingInt(Candidate::ranking).reversed().thenComparingLong(Candidate::id);

    private final Map<String, List<Candidate>> available = new HashMap<>();

    public synchronized void add(String name, Preprocessor step, int ranking, long id) {
        List<Candidate> list = available.computeIfAbsent(name, n -> new ArrayList<>());
        list.removeIf(c -> c.step() == step);
        list.add(new Candidate(step, ranking, id));
        list.sort(PREFERENCE);
    }

    public synchronized void remove(String name, Preprocessor step) {
        List<Candidate> list = available.get(name);
        if (list == null) return;
        list.removeIf(c -> c.step() == step);
        if (list.isEmpty()) available.remove(name);
    }

    /** Removes a step under whatever name it was added with (its name property may have changed since). */
    public synchronized void remove(Preprocessor step) {
        available.values().forEach(list -> list.removeIf(c -> c.step() == step));
        available.values().removeIf(List::isEmpty);
    }

    /**
     * Assembles the chain. An entry is a step name, served by the step service of that name (configured once,
     * for every chain), or a name with its own options, {@code normalize(mode=uniform;height=64)}, built here
     * with {@link StandardSteps} so that two chains can use one step differently.
     *
     * @throws IllegalArgumentException for an entry with unknown or malformed options
     */
    public synchronized State assemble(List<String> names) {
        List<PreprocessingChain.Step> steps = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            int open = name.indexOf('(');
            if (open > 0 && name.endsWith(")")) {
                String step = name.substring(0, open).trim();
                steps.add(new PreprocessingChain.Step(step, StandardSteps.create(step, options(name.substring(open + 1, name.length() - 1)))));
                continue;
            }
            List<Candidate> list = available.get(name);
            if (list == null || list.isEmpty()) missing.add(name);
            else steps.add(new PreprocessingChain.Step(name, list.get(0).step()));
        }
        return missing.isEmpty() ? new State(new PreprocessingChain(steps), List.of()) : new State(null, List.copyOf(missing));
    }

    /** {@code k=v;k2=v2} (or with commas) as a map. */
    static Map<String, String> options(String text) {
        Map<String, String> out = new HashMap<>();
        for (String kv : text.split("[;,]")) {
            if (kv.isBlank()) continue;
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("step option '" + kv.trim() + "' is not key=value");
            out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return out;
    }
}
