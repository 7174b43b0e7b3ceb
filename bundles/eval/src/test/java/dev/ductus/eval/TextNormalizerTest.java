package dev.ductus.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    @Test
    void defaultComposesAndCollapsesWhitespace() {
        assertEquals("\u00e9t\u00e9 \u00e9t\u00e9", TextNormalizer.DEFAULT.normalize("  e\u0301te\u0301  \t \u00e9t\u00e9\n"));
        assertEquals(TextNormalizer.DEFAULT, TextNormalizer.parse("default"));
        assertEquals(TextNormalizer.DEFAULT, TextNormalizer.parse("nfc,whitespace"));
    }

    @Test
    void noneLeavesTextAlone() {
        String text = " e\u0301  A, b ";
        assertEquals(text, TextNormalizer.NONE.normalize(text));
        assertEquals(TextNormalizer.NONE, TextNormalizer.parse("none"));
    }

    @Test
    void caseFolding() {
        TextNormalizer n = TextNormalizer.parse("nfc,whitespace,lower");
        assertEquals(new TextNormalizer(true, true, true, false, false), n);
        assertEquals("hello world \u03c3\u03c3", n.normalize("Hello  WORLD \u03a3\u03c2"));
    }

    @Test
    void punctuationKeepsSymbols() {
        TextNormalizer n = TextNormalizer.parse("default,punctuation");
        assertEquals("Hello world yes quoted $5 a+b", n.normalize("Hello, world! (yes) \u2014 \u201cquoted\u201d $5 a+b."));
    }

    @Test
    void diacritics() {
        TextNormalizer n = TextNormalizer.parse("nfc,diacritics");
        assertEquals("Creme brulee Angstrom", n.normalize("Cr\u00e8me br\u00fbl\u00e9e A\u030angstr\u00f6m"));
        assertEquals("Ca va", n.normalize("\u00c7a va"));
    }

    @Test
    void whitespaceOffKeepsSpacesButStillComposes() {
        assertEquals(" \u00e9  x ", TextNormalizer.parse("nfc").normalize(" e\u0301  x "));
    }

    @Test
    void minusStartsFromDefaults() {
        assertEquals(new TextNormalizer(false, true, true, false, false), TextNormalizer.parse("-nfc,lower"));
        assertEquals(new TextNormalizer(true, false, false, false, false), TextNormalizer.parse(" -whitespace "));
    }

    @Test
    void specRoundTripsEveryCombination() {
        for (int bits = 0; bits < 32; bits++) {
            TextNormalizer n = new TextNormalizer((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0,
                    (bits & 8) != 0, (bits & 16) != 0);
            assertEquals(n, TextNormalizer.parse(n.spec()), n.spec());
        }
    }

    @Test
    void unknownNameIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextNormalizer.parse("nfc,bogus"));
        assertTrue(e.getMessage().contains("'bogus'") && e.getMessage().contains("punctuation"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextNormalizer.parse(" "));
    }
}
