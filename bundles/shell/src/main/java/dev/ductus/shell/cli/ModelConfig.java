package dev.ductus.shell.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stage configuration that points at model files ({@code model.path}, {@code char.model.path}) and says how
 * they are made: trained ({@code train.system}, {@code train.data}, {@code train.options}) or one of the default
 * language models built from the text corpora.
 */
public record ModelConfig(String pid, String name, List<Path> files, String trainSystem, String trainData,
                          Map<String, String> trainOptions) {

    public static ModelConfig of(String pid, Map<String, Object> props) {
        List<Path> files = new ArrayList<>();
        for (String key : List.of("model.path", "char.model.path")) {
            Object v = props.get(key);
            if (v != null && !String.valueOf(v).isBlank()) files.add(Path.of(String.valueOf(v)));
        }
        Map<String, String> options = new LinkedHashMap<>();
        Object opts = props.get("train.options");
        if (opts != null) {
            for (String kv : String.valueOf(opts).split("[,;]")) {
                int eq = kv.indexOf('=');
                if (eq > 0) options.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        Object name = props.get("ductus.name");
        return new ModelConfig(pid, name == null ? pid : String.valueOf(name), files,
                props.get("train.system") == null ? null : String.valueOf(props.get("train.system")),
                props.get("train.data") == null ? null : String.valueOf(props.get("train.data")), options);
    }

    public List<Path> missing() {
        return files.stream().filter(f -> !Files.isRegularFile(f)).toList();
    }

    /** Whether the missing files are default language models ({@code word-3gram.*}, {@code char-6gram.*}). */
    public boolean defaultLanguageModel() {
        return !missing().isEmpty() && missing().stream().allMatch(f -> {
            String n = f.getFileName().toString();
            return n.startsWith("word-3gram.") || n.startsWith("char-6gram.");
        });
    }

    public boolean trainable() {
        return trainSystem != null && trainData != null && !files.isEmpty();
    }

    public String recipe() {
        if (trainable()) {
            StringBuilder sb = new StringBuilder("ductus train --system " + trainSystem + " --data " + trainData + " --out " + files.get(0));
            trainOptions.forEach((k, v) -> sb.append(" --set ").append(k).append('=').append(v));
            return sb.toString();
        }
        if (defaultLanguageModel() || files.stream().anyMatch(f -> f.getFileName().toString().matches("(word-3gram|char-6gram)\\..*"))) {
            return "ductus lm defaults " + files.get(0).getParent();
        }
        return "(provided by the user)";
    }
}
