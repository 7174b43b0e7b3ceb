package dev.ductus.data.embedded;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The embedded datasets and their small-size split counts. */
public enum EmbeddedKind {
    // generator version 2 of the font-based kinds: 129 writer families (113/8/8) instead of 20 (13/3/4)
    CURSIVE("cursive", "handwriting-style text lines (fonts as writers)", 3000, 300, 300, 2),
    DIGITS("digits", "digit strings from real MNIST handwriting", 3000, 300, 300, 1),
    PARAGRAPHS("paragraphs", "3-8 line handwriting-style paragraphs with line boxes", 300, 40, 40, 2);

    public static final List<String> SPLITS = List.of("train", "validation", "test");

    private final String id;
    private final String description;
    private final int train;
    private final int validation;
    private final int test;
    private final int generatorVersion;

    EmbeddedKind(String id, String description, int train, int validation, int test, int generatorVersion) {
        this.id = id;
        this.description = description;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.generatorVersion = generatorVersion;
    }

    /**
     * The version of this kind's generator: everything in a dataset follows from (name, size, seed, clean) and
     * it, so a change to the generator that changes its output must raise it (and names a new cache folder).
     */
    public int generatorVersion() {
        return generatorVersion;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public Map<String, Integer> counts(DatasetSize size) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("train", size.scale(train));
        counts.put("validation", size.scale(validation));
        counts.put("test", size.scale(test));
        return counts;
    }

    public static EmbeddedKind byName(String name) {
        for (EmbeddedKind k : values()) if (k.id.equals(name)) return k;
        return null;
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(EmbeddedKind::id).toList();
    }
}
