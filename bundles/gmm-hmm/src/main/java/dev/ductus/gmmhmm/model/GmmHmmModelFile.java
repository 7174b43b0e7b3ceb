package dev.ductus.gmmhmm.model;

import dev.ductus.store.AtomicFiles;
import dev.ductus.api.InputException;
import dev.ductus.api.model.Alphabet;
import dev.ductus.hmm.gmm.DiagonalGmm;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.topology.CharacterHmms;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The binary model file, big-endian (java.io.DataOutput):
 * <pre>
 * 8 bytes  magic "DUCTGMMH"
 * int      format version (1)
 * UTF      feature spec (canonical)
 * UTF      alphabet (Alphabet.serialize: hex code points)
 * int      symbols S; S x int state counts
 * int      total states N; N x (double log self, double log next, double log skip)
 * int      feature dimension D
 * N x      (int components M; M x (double weight, D x double mean, D x double variance))
 * int      facts F; F x (UTF key, UTF value)
 * long     CRC-32 of every byte before it
 * </pre>
 * Written atomically (temporary file, then rename). Reading checks the magic, version, every count against
 * sane bounds and the checksum; a truncated or corrupt file gives an {@link InputException} naming it.
 */
public final class GmmHmmModelFile {
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = {'D', 'U', 'C', 'T', 'G', 'M', 'M', 'H'};
    private static final int MAX_SYMBOLS = 1 << 16;
    private static final int MAX_STATES_PER_SYMBOL = 1000;
    private static final int MAX_DIMENSION = 1 << 16;
    private static final int MAX_COMPONENTS = 1 << 12;
    private static final int MAX_FACTS = 10_000;

    private GmmHmmModelFile() {
    }

    public static void write(Path file, GmmHmmModel model) throws IOException {
        AtomicFiles.write(file, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(model.featureSpec());
            out.writeUTF(model.alphabet().serialize());
            GmmHmm g = model.gmmHmm();
            CharacterHmms hmms = g.hmms();
            int[] counts = hmms.stateCounts();
            out.writeInt(counts.length);
            for (int c : counts) out.writeInt(c);
            double[] self = hmms.logSelfArray();
            double[] next = hmms.logNextArray();
            double[] skip = hmms.logSkipArray();
            out.writeInt(g.states());
            for (int s = 0; s < g.states(); s++) {
                out.writeDouble(self[s]);
                out.writeDouble(next[s]);
                out.writeDouble(skip[s]);
            }
            int dim = g.dimension();
            out.writeInt(dim);
            for (int s = 0; s < g.states(); s++) {
                DiagonalGmm gmm = g.gmm(s);
                out.writeInt(gmm.components());
                for (int k = 0; k < gmm.components(); k++) {
                    out.writeDouble(gmm.weight(k));
                    for (int d = 0; d < dim; d++) out.writeDouble(gmm.mean(k, d));
                    for (int d = 0; d < dim; d++) out.writeDouble(gmm.variance(k, d));
                }
            }
            out.writeInt(model.facts().size());
            for (Map.Entry<String, String> e : model.facts().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.flush();
            new DataOutputStream(raw).writeLong(checked.getChecksum().getValue());
        });
    }

    /**
     * @throws InputException when the file is missing, truncated, corrupt or of another format or version
     */
    public static GmmHmmModel read(Path file) {
        String name = file.toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new InputException(name, "not a Ductus GMM-HMM model file");
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new InputException(name, "model format version " + version + ", this build reads " + FORMAT_VERSION);
            }
            String spec = in.readUTF();
            Alphabet alphabet = Alphabet.parse(in.readUTF());
            int symbols = bounded(in.readInt(), 1, MAX_SYMBOLS, "symbol count", name);
            if (symbols != alphabet.size()) throw new InputException(name, symbols + " symbols for an alphabet of " + alphabet.size());
            int[] counts = new int[symbols];
            int total = 0;
            for (int c = 0; c < symbols; c++) {
                counts[c] = bounded(in.readInt(), 1, MAX_STATES_PER_SYMBOL, "state count", name);
                total += counts[c];
            }
            int states = in.readInt();
            if (states != total) throw new InputException(name, states + " states, the symbols have " + total);
            long size = Files.size(file);
            fits(24L * states, size, states + " states' transitions", name);
            double[] self = new double[states];
            double[] next = new double[states];
            double[] skip = new double[states];
            boolean skips = false;
            for (int s = 0; s < states; s++) {
                self[s] = in.readDouble();
                next[s] = in.readDouble();
                skip[s] = in.readDouble();
                skips |= skip[s] > Double.NEGATIVE_INFINITY;
            }
            int dim = bounded(in.readInt(), 1, MAX_DIMENSION, "feature dimension", name);
            DiagonalGmm[] gmms = new DiagonalGmm[states];
            for (int s = 0; s < states; s++) {
                int m = bounded(in.readInt(), 1, MAX_COMPONENTS, "component count", name);
                fits(8L * m * (1 + 2L * dim), size, m + " components of dimension " + dim, name);
                double[] w = new double[m];
                double[] mu = new double[m * dim];
                double[] var = new double[m * dim];
                for (int k = 0; k < m; k++) {
                    w[k] = in.readDouble();
                    for (int d = 0; d < dim; d++) mu[k * dim + d] = in.readDouble();
                    for (int d = 0; d < dim; d++) var[k * dim + d] = in.readDouble();
                }
                gmms[s] = new DiagonalGmm(w, mu, var);
            }
            int factCount = bounded(in.readInt(), 0, MAX_FACTS, "fact count", name);
            Map<String, String> facts = new LinkedHashMap<>();
            for (int i = 0; i < factCount; i++) facts.put(in.readUTF(), in.readUTF());
            long expected = checked.getChecksum().getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != expected) throw new InputException(name, "checksum mismatch: the file is corrupt");
            if (raw.read() >= 0) throw new InputException(name, "unexpected bytes after the end of the model");
            CharacterHmms hmms = CharacterHmms.create(alphabet, counts, 0.5, skips ? 0.1 : 0)
                    .withTransitions(self, next, skip);
            return new GmmHmmModel(spec, new GmmHmm(hmms, gmms), facts);
        } catch (InputException e) {
            // e.g. the feature spec, checked where it is parsed: the message names the spec, not the file
            if (name.equals(e.source())) throw e;
            throw new InputException(name, e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new InputException(name, "no such model file", e);
        } catch (EOFException e) {
            throw new InputException(name, "truncated model file", e);
        } catch (IOException e) {
            throw new InputException(name, "cannot read the model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InputException(name, "corrupt model: " + e.getMessage(), e);
        }
    }

    /** Refuses a section the file declares larger than the whole file, before allocating it. */
    private static void fits(long bytes, long size, String what, String name) {
        if (bytes > size) throw new InputException(name, what + " need " + bytes + " bytes, the file has " + size + " (corrupt file?)");
    }

    private static int bounded(int v, int min, int max, String what, String name) {
        if (v < min || v > max) throw new InputException(name, what + " " + v + " outside " + min + ".." + max + " (corrupt file?)");
        return v;
    }
}
