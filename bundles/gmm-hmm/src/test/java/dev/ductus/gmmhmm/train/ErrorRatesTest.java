package dev.ductus.gmmhmm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorRatesTest {
    @Test
    void handWorkedCharacterAndWordErrors() {
        ErrorRates r = new ErrorRates();
        r.add("the cat sat", "the bat sat");   // 1 substitution of 11 chars, 1 of 3 words
        r.add("on a mat", "on mat");           // 2 deletions ("a", " ") of 8 chars, 1 of 3 words
        assertEquals(3.0 / 19, r.cer(), 1e-12);
        assertEquals(2.0 / 6, r.wer(), 1e-12);
        assertEquals(2, r.lines());
    }

    @Test
    void distanceIsSymmetricEditCount() {
        assertEquals(3, ErrorRates.distance("kitten".chars().toArray(), "sitting".chars().toArray()));
        assertEquals(3, ErrorRates.distance("sitting".chars().toArray(), "kitten".chars().toArray()));
        assertEquals(0, ErrorRates.distance(new int[0], new int[0]));
    }
}
