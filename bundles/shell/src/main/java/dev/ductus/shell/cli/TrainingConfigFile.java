package dev.ductus.shell.cli;

import dev.ductus.api.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A training run's settings from a file ({@code ductus train --config FILE}): a Java properties file
 * ({@code key = value}) or, for {@code .yaml}/{@code .yml}, flat YAML ({@code key: value} per line, {@code #}
 * comments, values optionally quoted). Keys are the trainer's options (what {@code --set} takes) and the verb's own
 * {@code system}, {@code data}, {@code validation} and {@code out}; the command line overrides the file. Nested YAML,
 * lists and a key given twice are refused naming the file and line.
 */
final class TrainingConfigFile {
    /** The verb's own keys a configuration file may hold besides the trainer's options. */
    static final List<String> VERB_KEYS = List.of("system", "data", "validation", "out");

    private TrainingConfigFile() {
    }

    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) throw new InputException(file.toString(), "training configuration not found");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".yaml") || name.endsWith(".yml")) return yaml(file, Files.readAllLines(file, StandardCharsets.UTF_8));
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (String k : new java.util.TreeSet<>(p.stringPropertyNames())) m.put(k.trim(), p.getProperty(k).trim());
            return m;
        } catch (IllegalArgumentException e) {
            throw new InputException(file.toString(), "not a properties file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> yaml(Path file, List<String> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = stripComment(raw).strip();
            if (line.isEmpty() || line.equals("---")) continue;
            String where = file + ":" + (i + 1);
            if (Character.isWhitespace(raw.charAt(0)) || line.startsWith("- ")) {
                throw new InputException(where, "only flat 'key: value' lines are read (no nesting, no lists)");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) throw new InputException(where, "expected 'key: value', got '" + line + "'");
            String key = line.substring(0, colon).strip();
            String value = unquote(line.substring(colon + 1).strip());
            if (value.isEmpty()) throw new InputException(where, "key '" + key + "' has no value (nested YAML is not read)");
            if (m.put(key, value) != null) throw new InputException(where, "key '" + key + "' given twice");
        }
        return m;
    }

    /** The line without a {@code #} comment outside quotes. */
    private static String stripComment(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
