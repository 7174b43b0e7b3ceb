package dev.ductus.hmm.train;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.InputException;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.HmmStructure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frame-level state targets for training hybrid models, one line of text per line image:
 * <pre>
 * # ductus-alignment 1
 * # alphabet 20 61 62 ...        (the model's symbols as hex code points, as Alphabet.serialize writes them)
 * # states 3 6 6 ...             (emitting states per symbol; global state = states before the symbol + state)
 * ID&lt;TAB&gt;FRAMES&lt;TAB&gt;g0 g1 g2 ... (the global state of every frame)
 * </pre>
 * Written atomically; reading checks every number against the header and names file and line on error.
 */
public final class AlignmentFile {
    public static final String MAGIC = "# ductus-alignment 1";

    /** One line's state sequence. */
    public record Entry(String id, int[] states) {
    }

    /** A read file: the HMM layout it refers to and its entries. */
    public record Contents(Alphabet alphabet, int[] stateCounts, List<Entry> entries) {
        public int totalStates() {
            return Arrays.stream(stateCounts).sum();
        }
    }

    private AlignmentFile() {
    }

    public static void write(Path file, HmmStructure hmm, List<Alignment> alignments) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(MAGIC + "\n");
            w.write("# alphabet " + hmm.alphabet().serialize() + "\n");
            StringBuilder counts = new StringBuilder("# states");
            for (int c = 0; c < hmm.alphabet().size(); c++) counts.append(' ').append(hmm.stateCount(c));
            w.write(counts + "\n");
            for (Alignment a : alignments) {
                if (a.id().indexOf('\t') >= 0 || a.id().indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("line id with a tab or newline: " + a.id());
                }
                StringBuilder sb = new StringBuilder(a.id()).append('\t').append(a.frames()).append('\t');
                for (int t = 0; t < a.frames(); t++) {
                    if (t > 0) sb.append(' ');
                    sb.append(a.globalStates()[t]);
                }
                w.write(sb.append('\n').toString());
            }
            w.flush();
        });
    }

    public static Contents read(Path file) {
        String name = file.toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String magic = r.readLine();
            if (!MAGIC.equals(magic)) throw new InputException(name + ":1", "not a ductus alignment file");
            String alphabetLine = r.readLine();
            String statesLine = r.readLine();
            if (alphabetLine == null || !alphabetLine.startsWith("# alphabet ")) {
                throw new InputException(name + ":2", "missing '# alphabet' header");
            }
            if (statesLine == null || !statesLine.startsWith("# states")) {
                throw new InputException(name + ":3", "missing '# states' header");
            }
            Alphabet alphabet;
            int[] counts;
            try {
                alphabet = Alphabet.parse(alphabetLine.substring("# alphabet ".length()));
                counts = Arrays.stream(statesLine.substring("# states".length()).trim().split("\\s+"))
                        .mapToInt(Integer::parseInt).toArray();
            } catch (IllegalArgumentException e) {
                throw new InputException(name + ":2", "bad header: " + e.getMessage(), e);
            }
            if (counts.length != alphabet.size()) {
                throw new InputException(name + ":3", counts.length + " state counts for " + alphabet.size() + " symbols");
            }
            int total = Arrays.stream(counts).sum();
            List<Entry> entries = new ArrayList<>();
            String line;
            int lineNo = 3;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] parts = line.split("\t", -1);
                if (parts.length != 3) throw new InputException(name + ":" + lineNo, "expected ID<TAB>FRAMES<TAB>STATES");
                try {
                    int frames = Integer.parseInt(parts[1]);
                    String[] tokens = parts[2].trim().isEmpty() ? new String[0] : parts[2].trim().split(" ");
                    if (tokens.length != frames) {
                        throw new InputException(name + ":" + lineNo, frames + " frames announced, " + tokens.length + " given");
                    }
                    int[] states = new int[frames];
                    for (int t = 0; t < frames; t++) {
                        states[t] = Integer.parseInt(tokens[t]);
                        if (states[t] < 0 || states[t] >= total) {
                            throw new InputException(name + ":" + lineNo, "state " + states[t] + " outside 0.." + (total - 1));
                        }
                    }
                    entries.add(new Entry(parts[0], states));
                } catch (NumberFormatException e) {
                    throw new InputException(name + ":" + lineNo, "not a number: " + e.getMessage(), e);
                }
            }
            return new Contents(alphabet, counts, entries);
        } catch (IOException e) {
            throw new InputException(name, "cannot read: " + e.getMessage(), e);
        }
    }
}
