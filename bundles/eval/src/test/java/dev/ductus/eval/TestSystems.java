package dev.ductus.eval;

import dev.ductus.api.InputException;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.recognize.Recognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Test scaffolding: a small dataset whose images carry their sample id as source, and recognizers that look
 * the ground truth up by that id and return it, edited, or fail.
 */
final class TestSystems {
    private TestSystems() {
    }

    static Dataset dataset(String name, List<String> texts) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String id = "line-" + i;
            samples.add(new Sample(id, texts.get(i), id + ".png", () -> GrayImage.blank(4, 2).withSource(id)));
        }
        return new Dataset() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String split() {
                return "test";
            }

            @Override
            public List<Sample> samples() {
                return samples;
            }
        };
    }

    static Map<String, String> truth(Dataset d) {
        Map<String, String> m = new java.util.HashMap<>();
        for (Sample s : d.samples()) m.put(s.id(), s.text());
        return m;
    }

    /** Returns {@code edit(truth of the line)}. */
    static Recognizer editing(String name, Dataset d, Function<String, String> edit) {
        Map<String, String> truth = truth(d);
        return new Recognizer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String describe() {
                return "test recognizer " + name;
            }

            @Override
            public boolean paragraphs() {
                return false;
            }

            @Override
            public Hypothesis recognize(GrayImage image) {
                return new Hypothesis(edit.apply(truth.get(image.source())), 0, List.of(), null);
            }
        };
    }

    /** Returns the truth on even lines and fails on odd ones ("line-1", "line-3", ...). */
    static Recognizer failingOnOddLines(String name, Dataset d) {
        Map<String, String> truth = truth(d);
        return new Recognizer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String describe() {
                return "fails on odd lines";
            }

            @Override
            public boolean paragraphs() {
                return false;
            }

            @Override
            public Hypothesis recognize(GrayImage image) {
                int index = Integer.parseInt(image.source().substring("line-".length()));
                if (index % 2 == 1) throw new InputException(image.source(), "synthetic failure");
                return new Hypothesis(truth.get(image.source()), 0, List.of(), null);
            }
        };
    }

    /** Replaces the first code point with '#'. */
    static String firstCharacterWrong(String text) {
        return "#" + text.substring(text.offsetByCodePoints(0, 1));
    }
}
