package dev.ductus.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ErrorRatesTest {
    @Test
    void knownSet() {
        ErrorRates e = new ErrorRates()
                .addLine("abc", "abd")                 // chars S=1 N=3, words S=1 N=1
                .addLine("hello world", "hello word")  // chars D=1 N=11, words S=1 N=2
                .addLine("same line", "same line");    // exact, N=9, words N=2
        assertEquals(3, e.lines());
        assertEquals(1, e.exactLines());
        assertEquals(1, e.characterSubstitutions());
        assertEquals(0, e.characterInsertions());
        assertEquals(1, e.characterDeletions());
        assertEquals(23, e.characters());
        assertEquals(2.0 / 23, e.cer(), 1e-15);
        assertEquals(2, e.wordSubstitutions());
        assertEquals(5, e.words());
        assertEquals(2.0 / 5, e.wer(), 1e-15);
        assertEquals(1.0 / 3, e.lineAccuracy(), 1e-15);
        assertTrue(Double.isNaN(e.fer()));
    }

    @Test
    void spacesCountAsCharacters() {
        ErrorRates e = new ErrorRates().addLine("a b", "ab");
        assertEquals(3, e.characters());
        assertEquals(1.0 / 3, e.cer(), 1e-15);
        assertEquals(1.0, e.wer(), 1e-15); // "a b" -> "ab": 1 substitution + 1 deletion over 2 words
    }

    @Test
    void frameErrorRate() {
        ErrorRates e = new ErrorRates().addFrames(new int[]{1, 2, 3, 3}, new int[]{1, 2, 2, 3});
        assertEquals(0.25, e.fer(), 1e-15);
        e.addFrames(new int[]{0}, new int[]{0});
        assertEquals(0.2, e.fer(), 1e-15);
        assertEquals(5, e.frames());
        assertThrows(IllegalArgumentException.class, () -> e.addFrames(new int[2], new int[3]));
    }

    /**
     * Defect: trainers had their own scorers (whitespace vs Unicode word split, NaN vs 0 on an empty reference),
     * so early stopping optimised another CER than compare reports. They now call add(), compare's scoring.
     */
    @Test
    void addScoresAsTheComparisonDoes() {
        ErrorRates trainer = new ErrorRates().add("the  cat sat\n", "the bat  sat").add("e\u0301t\u00e9", "\u00e9t\u00e9");
        ErrorRates compare = new ErrorRates();
        compare.addLine(TextNormalizer.DEFAULT.normalize("the  cat sat\n"), TextNormalizer.DEFAULT.normalize("the bat  sat"));
        compare.addLine(TextNormalizer.DEFAULT.normalize("e\u0301t\u00e9"), TextNormalizer.DEFAULT.normalize("\u00e9t\u00e9"));
        assertEquals(compare.cer(), trainer.cer());
        assertEquals(compare.wer(), trainer.wer());
        assertEquals(1.0 / 14, trainer.cer(), 1e-12, "one substitution over 'the cat sat' + 'été' after NFC and whitespace");
        assertEquals(1.0 / 4, trainer.wer(), 1e-12);
        assertTrue(Double.isNaN(new ErrorRates().cer()), "no line yet: NaN, never a CER of 0 that would look perfect");
    }

    /** The defect's two cases through the one scorer: an empty reference, and a non-breaking space between words. */
    @Test
    void anEmptyReferenceAndUnicodeSpacesScoreTheSameForTrainersAndCompare() {
        ErrorRates trainer = new ErrorRates().add("", "x");
        ErrorRates compare = new ErrorRates().addLine(TextNormalizer.DEFAULT.normalize(""), TextNormalizer.DEFAULT.normalize("x"));
        assertEquals(Double.POSITIVE_INFINITY, trainer.cer(), "insertions over an empty reference: infinite, not NaN or 0");
        assertEquals(compare.cer(), trainer.cer());
        ErrorRates nbsp = new ErrorRates().add("two\u00a0words", "two words");
        ErrorRates plain = new ErrorRates().addLine(TextNormalizer.DEFAULT.normalize("two\u00a0words"), TextNormalizer.DEFAULT.normalize("two words"));
        assertEquals(plain.wer(), nbsp.wer());
        assertEquals(plain.cer(), nbsp.cer());
        assertEquals(2, nbsp.lines() + plain.lines());
    }

    @Test
    void emptyAccumulatorAndEmptyReferences() {
        ErrorRates e = new ErrorRates();
        assertTrue(Double.isNaN(e.cer()) && Double.isNaN(e.wer()) && Double.isNaN(e.lineAccuracy()));
        e.addLine("", "");
        assertEquals(0.0, e.cer());
        assertEquals(1.0, e.lineAccuracy());
        e.addLine("", "x");
        assertEquals(Double.POSITIVE_INFINITY, e.cer());
    }

    @Test
    void mergedAccumulatorsEqualOne() {
        Random random = new Random(3);
        List<String[]> pairs = new ArrayList<>();
        for (int k = 0; k < 60; k++) pairs.add(new String[]{text(random), text(random)});
        ErrorRates single = new ErrorRates();
        ErrorRates first = new ErrorRates();
        ErrorRates second = new ErrorRates();
        for (int k = 0; k < pairs.size(); k++) {
            single.addLine(pairs.get(k)[0], pairs.get(k)[1]);
            (k % 3 == 0 ? first : second).addLine(pairs.get(k)[0], pairs.get(k)[1]);
        }
        single.addFrames(new int[]{1, 2}, new int[]{1, 1});
        second.addFrames(new int[]{1, 2}, new int[]{1, 1});
        assertEquals(single, first.copy().merge(second));
        assertEquals(single, second.copy().merge(first));
        assertEquals(single.cer(), first.merge(second).cer());
        assertTrue(single.characterErrors() > 0 && single.wordErrors() > 0);
    }

    private static String text(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(12);
        for (int k = 0; k < n; k++) sb.append("ab c".charAt(random.nextInt(4)));
        return sb.toString();
    }
}
