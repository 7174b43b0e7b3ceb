package dev.ductus.data.synth;

import dev.ductus.api.InputException;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The writers of the synthetic handwriting and their writer-independent split: a font is a writer, and no
 * font is in two splits, so validation and test measure reading an unseen hand. Each split mixes print-like
 * and connected-script hands.
 */
public final class FontCatalog {
    /**
     * Font package short names per split: 129 Google Fonts handwriting families from {@code @expo-google-fonts}
     * (113 train, 8 validation, 8 test; the first four test families are wave 1's, so old and new test numbers
     * compare). Every one draws the whole charset ({@code RealCacheTest}). Left out: permanent-marker (its lower
     * case is its upper case, so case would be unreadable) and dekko (no '?'). The families kristi,
     * kaushan-script and lobster-two are reserved for blind evaluation and must never be added ({@link #RESERVED}).
     */
    public static final Map<String, List<String>> SPLITS = Map.of(
            "train", List.of(
                    "alex-brush", "allison", "allura", "annie-use-your-telescope", "architects-daughter", "arizonia",
                    "babylonica", "birthstone", "borel", "calligraffitti", "caveat", "caveat-brush",
                    "cedarville-cursive", "charm", "comforter", "comic-neue", "condiment", "corinthia", "courgette",
                    "covered-by-your-grace", "damion", "dancing-script", "delicious-handrawn", "delius", "dr-sugiyama",
                    "east-sea-dokdo", "edu-nsw-act-foundation", "edu-vic-wa-nt-beginner", "ephesis", "euphoria-script",
                    "felipa", "fuggles", "gaegu", "gamja-flower", "gloria-hallelujah", "gluten", "gochi-hand",
                    "grand-hotel", "grape-nuts", "great-vibes", "herr-von-muellerhoff", "hurricane", "indie-flower",
                    "inspiration", "island-moments", "italianno", "itim", "just-another-hand", "klee-one",
                    "kolker-brush", "la-belle-aurore", "love-light", "loved-by-the-king", "luxurious-script", "mali",
                    "mansalva", "marck-script", "mea-culpa", "meow-script", "merienda", "miss-fajardose", "molle",
                    "montez", "moon-dance", "mr-dafoe", "mrs-sheppards", "ms-madi", "my-soul", "mynerve",
                    "nanum-brush-script", "nanum-pen-script", "neucha", "niconne", "norican", "pacifico", "pangolin",
                    "passions-conflict", "petit-formal-script", "pinyon-script", "playball", "poor-story",
                    "puppies-play", "quintessential", "qwigley", "qwitcher-grypen", "redressed", "rochester",
                    "rock-salt", "rouge-script", "ruthie", "seaweed-script", "send-flowers", "sevillana",
                    "shadows-into-light", "shadows-into-light-two", "shantell-sans", "short-stack", "single-day",
                    "sofia", "sriracha", "style-script", "sue-ellen-francisco", "sunshiney", "swanky-and-moo-moo",
                    "tangerine", "the-girl-next-door", "vibur", "waiting-for-the-sunrise", "whisper", "yellowtail",
                    "yomogi", "zen-kurenaido", "zeyada"),
            "validation", List.of(
                    "kalam", "reenie-beanie", "satisfy", "handlee", "dawning-of-a-new-day", "just-me-again-down-here",
                    "cookie", "edu-qld-beginner"),
            "test", List.of(
                    "schoolbell", "patrick-hand", "homemade-apple", "sacramento", "coming-soon", "bad-script",
                    "nothing-you-could-do", "parisienne"));

    /** Families reserved for blind evaluation: never fetched, never rendered. */
    public static final List<String> RESERVED = List.of("kristi", "kaushan-script", "lobster-two");

    private final Map<String, List<HandwritingFont>> fonts;

    public FontCatalog(Map<String, List<HandwritingFont>> fonts) {
        Map<String, List<HandwritingFont>> copy = new LinkedHashMap<>();
        fonts.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.fonts = copy;
    }

    /** Loads the regular-weight TTF of each font package folder (short name -> extracted package/ folder). */
    public static FontCatalog load(Map<String, Path> packageFolders) {
        for (String reserved : RESERVED) {
            if (packageFolders.containsKey(reserved)) {
                throw new IllegalStateException("font " + reserved + " is reserved for blind evaluation and must not be used");
            }
        }
        Map<String, List<HandwritingFont>> fonts = new LinkedHashMap<>();
        for (String split : List.of("train", "validation", "test")) {
            List<HandwritingFont> list = new ArrayList<>();
            for (String name : SPLITS.get(split)) {
                Path folder = packageFolders.get(name);
                if (folder == null) throw new IllegalArgumentException("no package folder for font " + name);
                list.add(new HandwritingFont(name, readTtf(findRegular(folder))));
            }
            fonts.put(split, list);
        }
        return new FontCatalog(fonts);
    }

    public List<HandwritingFont> fonts(String split) {
        List<HandwritingFont> list = fonts.get(split);
        if (list == null || list.isEmpty()) throw new IllegalArgumentException("no fonts for split " + split);
        return list;
    }

    static Path findRegular(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> ttfs = walk.filter(p -> p.getFileName().toString().endsWith(".ttf")).sorted().toList();
            return ttfs.stream().filter(p -> p.getFileName().toString().contains("400Regular")).findFirst()
                    .orElseGet(() -> ttfs.stream().findFirst()
                            .orElseThrow(() -> new InputException(folder.toString(), "no .ttf font in the package")));
        } catch (IOException e) {
            throw new InputException(folder.toString(), "cannot list fonts: " + e.getMessage(), e);
        }
    }

    static Font readTtf(Path ttf) {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, ttf.toFile());
        } catch (FontFormatException | IOException e) {
            throw new InputException(ttf.toString(), "not a readable TrueType font: " + e.getMessage(), e);
        }
    }
}
