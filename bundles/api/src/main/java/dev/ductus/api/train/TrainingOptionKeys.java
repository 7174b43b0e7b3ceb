package dev.ductus.api.train;

import dev.ductus.api.InputException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a training request's option keys against those a trainer declares ({@link Trainer#options()}), so a
 * typo ({@code --set epoch=1}) is an error that names the nearest key instead of a silently ignored setting.
 */
public final class TrainingOptionKeys {
    private TrainingOptionKeys() {
    }

    /**
     * @param known the trainer's keys (key to description); an empty map declares nothing and checks nothing
     * @throws InputException "training option 'K': unknown (did you mean 'KK'?); known: ..." for the first
     *                        unknown key
     */
    public static void check(String system, Map<String, String> options, Map<String, String> known) {
        if (known.isEmpty()) return;
        for (String key : options.keySet()) {
            if (known.containsKey(key)) continue;
            String near = closest(key, known.keySet());
            throw new InputException("training option '" + key + "'", "unknown to the " + system + " trainer"
                    + (near == null ? "" : " (did you mean '" + near + "'?)") + "; known: "
                    + String.join(", ", new TreeSet<>(known.keySet())));
        }
    }

    /** The known word nearest to {@code word} within two edits (the first in sorted order on ties), or null. */
    public static String closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : new TreeSet<>(known)) {
            int d = editDistance(word, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance of two strings (UTF-16 units). */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
