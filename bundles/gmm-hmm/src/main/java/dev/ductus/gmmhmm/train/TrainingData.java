package dev.ductus.gmmhmm.train;

import dev.ductus.api.InputException;
import dev.ductus.api.Notes;
import dev.ductus.api.data.Sample;
import dev.ductus.api.features.FeatureExtractor;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.model.Alphabet;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hmm.train.TrainingLine;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Turns dataset samples into training lines: load the image, preprocess it (when a preprocessor is given),
 * extract features, encode the transcription. Samples are processed on several threads and kept in dataset
 * order; a sample that fails is skipped with a warning naming it. The features stay in memory for all
 * Baum-Welch iterations.
 */
public final class TrainingData {
    private TrainingData() {
    }

    /** Every code point of the transcriptions, plus the space (which also models the line margins). */
    public static Alphabet alphabetOf(List<Sample> samples) {
        TreeSet<String> symbols = new TreeSet<>();
        symbols.add(CharacterHmms.SPACE);
        for (Sample s : samples) {
            normalise(s.text()).codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
        }
        return new Alphabet(new ArrayList<>(symbols));
    }

    /** Collapses white space to single spaces and trims: the transcription as the line model reads it. */
    public static String normalise(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    /** One prepared sample: the line, or why it was skipped. */
    public record Prepared(Sample sample, TrainingLine line, GrayImage image, String problem) {
    }

    /**
     * @param preprocessor applied to every image first, or null when the images are already normalised
     * @param keepImages   whether to keep the preprocessed images (for validation decoding)
     */
    public static List<Prepared> prepare(List<Sample> samples, Preprocessor preprocessor, FeatureExtractor extractor,
                                         Alphabet alphabet, int threads, boolean keepImages, Consumer<String> warnings) {
        List<Prepared> out = new ArrayList<>(samples.size());
        if (threads <= 1) {
            for (Sample s : samples) out.add(prepareOne(s, preprocessor, extractor, alphabet, keepImages));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "ductus-features");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<List<Prepared>>> parts = new ArrayList<>();
                int chunk = Math.max(1, (samples.size() + threads - 1) / threads);
                for (int from = 0; from < samples.size(); from += chunk) {
                    List<Sample> part = samples.subList(from, Math.min(samples.size(), from + chunk));
                    parts.add(pool.submit(() -> {
                        List<Prepared> p = new ArrayList<>(part.size());
                        for (Sample s : part) p.add(prepareOne(s, preprocessor, extractor, alphabet, keepImages));
                        return p;
                    }));
                }
                for (Future<List<Prepared>> f : parts) out.addAll(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while extracting features", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        for (Prepared p : out) if (p.problem() != null) warnings.accept(p.sample().id() + ": " + p.problem());
        return out;
    }

    private static Prepared prepareOne(Sample s, Preprocessor preprocessor, FeatureExtractor extractor,
                                       Alphabet alphabet, boolean keepImage) {
        String text = normalise(s.text());
        if (text.isEmpty()) return new Prepared(s, null, null, "empty transcription, skipped");
        GrayImage image;
        try {
            image = s.loadImage();
            if (preprocessor != null) image = preprocessor.process(image, new Notes());
        } catch (InputException e) {
            return new Prepared(s, null, null, e.getMessage() + ", skipped");
        }
        FeatureSequence features = extractor.extract(image);
        int[] labels = alphabet.encode(text);
        return new Prepared(s, new TrainingLine(s.id(), features, labels), keepImage ? image : null, null);
    }

    public static List<TrainingLine> lines(List<Prepared> prepared) {
        List<TrainingLine> out = new ArrayList<>();
        for (Prepared p : prepared) if (p.line() != null) out.add(p.line());
        return out;
    }
}
