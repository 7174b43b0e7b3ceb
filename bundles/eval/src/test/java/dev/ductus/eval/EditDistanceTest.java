package dev.ductus.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EditDistanceTest {
    private static final String MATH_X = "\uD835\uDCB3"; // U+1D4B3, one code point, two chars
    private static final String MATH_Y = "\uD835\uDCB4"; // U+1D4B4, same high surrogate

    @Test
    void kittenToSittingIsTwoSubstitutionsAndOneInsertion() {
        assertEquals(new EditCounts(2, 1, 0, 6), EditDistance.characters("kitten", "sitting"));
    }

    @Test
    void sittingToKittenIsTwoSubstitutionsAndOneDeletion() {
        assertEquals(new EditCounts(2, 0, 1, 7), EditDistance.characters("sitting", "kitten"));
    }

    @Test
    void kittenAlignmentStepsByHand() {
        Alignment a = EditDistance.alignCharacters("kitten", "sitting");
        List<Alignment.Step> expected = List.of(
                new Alignment.Step(Alignment.Op.SUBSTITUTE, "k", "s"),
                new Alignment.Step(Alignment.Op.MATCH, "i", "i"),
                new Alignment.Step(Alignment.Op.MATCH, "t", "t"),
                new Alignment.Step(Alignment.Op.MATCH, "t", "t"),
                new Alignment.Step(Alignment.Op.SUBSTITUTE, "e", "i"),
                new Alignment.Step(Alignment.Op.MATCH, "n", "n"),
                new Alignment.Step(Alignment.Op.INSERT, null, "g"));
        assertEquals(expected, a.steps());
        assertEquals(new EditCounts(2, 1, 0, 6), a.counts());
    }

    @Test
    void emptyStrings() {
        assertEquals(new EditCounts(0, 0, 0, 0), EditDistance.characters("", ""));
        assertEquals(new EditCounts(0, 3, 0, 0), EditDistance.characters("", "abc"));
        assertEquals(new EditCounts(0, 0, 3, 3), EditDistance.characters("abc", ""));
        assertEquals(0.0, EditDistance.characters("", "").rate());
        assertEquals(Double.POSITIVE_INFINITY, EditDistance.characters("", "abc").rate());
        assertEquals(1.0, EditDistance.characters("abc", "").rate());
        assertEquals(List.of(), EditDistance.alignCharacters("", "").steps());
    }

    @Test
    void surrogatePairIsOneCharacter() {
        // by chars this would be N=4 with 1 substitution (only the low surrogates differ)
        assertEquals(new EditCounts(1, 0, 0, 3), EditDistance.characters("a" + MATH_X + "b", "a" + MATH_Y + "b"));
        assertEquals(new EditCounts(0, 0, 1, 1), EditDistance.characters(MATH_X, ""));
        assertEquals(new EditCounts(0, 1, 0, 2), EditDistance.characters("ab", "a" + MATH_X + "b"));
        Alignment a = EditDistance.alignCharacters("a" + MATH_X, "a" + MATH_Y);
        assertEquals(new Alignment.Step(Alignment.Op.SUBSTITUTE, MATH_X, MATH_Y), a.steps().get(1));
    }

    @Test
    void words() {
        assertEquals(new EditCounts(1, 1, 0, 3), EditDistance.words("the cat sat", "the bat sat on"));
        assertEquals(new EditCounts(0, 0, 0, 2), EditDistance.words("  a \t b ", "a\u00a0b"));
        assertEquals(new EditCounts(0, 0, 0, 0), EditDistance.words(" ", ""));
        assertEquals(new EditCounts(0, 0, 2, 2), EditDistance.words("two words", ""));
        Alignment a = EditDistance.alignWords("the cat sat", "the bat sat on");
        assertEquals(List.of(new Alignment.Step(Alignment.Op.MATCH, "the", "the"),
                new Alignment.Step(Alignment.Op.SUBSTITUTE, "cat", "bat"),
                new Alignment.Step(Alignment.Op.MATCH, "sat", "sat"),
                new Alignment.Step(Alignment.Op.INSERT, null, "on")), a.steps());
    }

    @Test
    void countsAgreeWithBruteForceAndAlignment() {
        Random random = new Random(7);
        for (int trial = 0; trial < 3000; trial++) {
            String r = randomText(random, random.nextInt(8));
            String h = randomText(random, random.nextInt(8));
            EditCounts c = EditDistance.characters(r, h);
            assertEquals(bruteForce(r, h), c.errors(), r + " / " + h);
            assertEquals(r.length(), c.referenceLength());
            assertEquals(r.length(), c.hits() + c.substitutions() + c.deletions());
            assertEquals(h.length(), c.hypothesisLength());

            Alignment a = EditDistance.alignCharacters(r, h);
            assertEquals(c, a.counts(), "count and align pick the same alignment for " + r + " / " + h);
            StringBuilder ref = new StringBuilder();
            StringBuilder hyp = new StringBuilder();
            int s = 0, i = 0, d = 0;
            for (Alignment.Step step : a.steps()) {
                if (step.reference() != null) ref.append(step.reference());
                if (step.hypothesis() != null) hyp.append(step.hypothesis());
                switch (step.op()) {
                    case SUBSTITUTE -> s++;
                    case INSERT -> i++;
                    case DELETE -> d++;
                    case MATCH -> assertEquals(step.reference(), step.hypothesis());
                }
            }
            assertEquals(r, ref.toString());
            assertEquals(h, hyp.toString());
            assertEquals(new EditCounts(s, i, d, r.length()), c);
        }
    }

    @Test
    void longNearlyEqualLinesAreCheapThanksToCommonAffixes() {
        String r = "x".repeat(200_000);
        String h = r.substring(0, 100_000) + "y" + r.substring(100_001);
        assertEquals(new EditCounts(1, 0, 0, 200_000), EditDistance.characters(r, h));
        assertEquals(new EditCounts(1, 0, 0, 200_000), EditDistance.alignCharacters(r, h).counts());
    }

    @Test
    void tooLargeAlignmentIsRefused() {
        int[] r = new int[20_000];
        int[] h = new int[20_000];
        java.util.Arrays.fill(h, 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EditDistance.align(r, h, k -> "a", k -> "b"));
        assertTrue(e.getMessage().contains("20000"), e.getMessage());
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < length; k++) sb.append("abc".charAt(random.nextInt(3)));
        return sb.toString();
    }

    /** The textbook recursion, exponential but exact on short strings. */
    private static int bruteForce(String a, String b) {
        if (a.isEmpty()) return b.length();
        if (b.isEmpty()) return a.length();
        int cost = a.charAt(0) == b.charAt(0) ? 0 : 1;
        return Math.min(bruteForce(a.substring(1), b.substring(1)) + cost,
                Math.min(bruteForce(a.substring(1), b) + 1, bruteForce(a, b.substring(1)) + 1));
    }
}
