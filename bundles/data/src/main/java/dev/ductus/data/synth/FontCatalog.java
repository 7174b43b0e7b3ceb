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
    /** Font package short names per split. */
    public static final Map<String, List<String>> SPLITS = Map.of(
            "train", List.of("caveat", "indie-flower", "gloria-hallelujah", "shadows-into-light", "nanum-pen-script",
                    "mansalva", "dancing-script", "great-vibes", "allura", "cedarville-cursive", "la-belle-aurore",
                    "marck-script", "alex-brush"),
            "validation", List.of("kalam", "reenie-beanie", "satisfy"),
            "test", List.of("schoolbell", "patrick-hand", "homemade-apple", "sacramento"));

    private final Map<String, List<HandwritingFont>> fonts;

    public FontCatalog(Map<String, List<HandwritingFont>> fonts) {
        Map<String, List<HandwritingFont>> copy = new LinkedHashMap<>();
        fonts.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.fonts = copy;
    }

    /** Loads the regular-weight TTF of each font package folder (short name -> extracted package/ folder). */
    public static FontCatalog load(Map<String, Path> packageFolders) {
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
