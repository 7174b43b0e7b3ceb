package dev.ductus.shell.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stage configuration that points at model files ({@code model.path}, {@code char.model.path}) and says how
 * they are made: trained ({@code train.system}, {@code train.data} e.g. {@code cursive:large}, optionally
 * {@code train.validation} e.g. {@code cursive}, {@code train.options}) or one of the default
 * language models built from the text corpora. {@code train.demo.options} override {@code train.options} when
 * {@code ductus demo} makes a missing model: a small budget (minutes on 2 cores) that shows the system working;
 * {@code ductus models build} trains with {@code train.options} alone.
 */
public record ModelConfig(String pid, String name, List<Path> files, String trainSystem, String trainData,
                          String trainValidation, Map<String, String> trainOptions, Map<String, String> demoOptions) {

    public static ModelConfig of(String pid, Map<String, Object> props) {
        List<Path> files = new ArrayList<>();
        for (String key : List.of("model.path", "char.model.path")) {
            Object v = props.get(key);
            if (v != null && !String.valueOf(v).isBlank()) files.add(Path.of(String.valueOf(v)));
        }
        Map<String, String> options = options(props.get("train.options"));
        Map<String, String> demo = options(props.get("train.demo.options"));
        Object name = props.get("ductus.name");
        return new ModelConfig(pid, name == null ? pid : String.valueOf(name), files,
                props.get("train.system") == null ? null : String.valueOf(props.get("train.system")),
                props.get("train.data") == null ? null : String.valueOf(props.get("train.data")),
                props.get("train.validation") == null ? null : String.valueOf(props.get("train.validation")), options, demo);
    }

    /** The embedded dataset the model is for: {@code train.data} without its size ({@code cursive:large} is cursive). */
    public String dataset() {
        if (trainData == null) return null;
        int colon = trainData.indexOf(':');
        return colon < 0 ? trainData : trainData.substring(0, colon);
    }

    /** The {@code ductus train} arguments that make this model (without the options). */
    public List<String> trainArguments() {
        return trainArguments(false);
    }

    /**
     * The {@code ductus train} arguments (without the options); for the demo's small budget, on the small set of
     * the dataset (no {@code :large} to generate first) and its own validation split.
     */
    public List<String> trainArguments(boolean demo) {
        List<String> args = new ArrayList<>(List.of("--system", trainSystem, "--data", demo ? dataset() : trainData));
        if (!demo && trainValidation != null && !trainValidation.isBlank()) args.addAll(List.of("--validation", trainValidation));
        args.addAll(List.of("--out", files.get(0).toString()));
        return args;
    }

    /** {@code key=value} pairs separated by ';' (or ',' where a value holds no comma). */
    private static Map<String, String> options(Object value) {
        Map<String, String> options = new LinkedHashMap<>();
        if (value == null) return options;
        String text = String.valueOf(value);
        for (String kv : text.split(text.contains(";") ? ";" : ",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) options.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return options;
    }

    /** The training options, with the demo's budget over them when {@code demo} is set. */
    public Map<String, String> trainOptions(boolean demo) {
        if (!demo || demoOptions.isEmpty()) return trainOptions;
        Map<String, String> merged = new LinkedHashMap<>(trainOptions);
        merged.putAll(demoOptions);
        return merged;
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
            StringBuilder sb = new StringBuilder("ductus train " + String.join(" ", trainArguments()));
            trainOptions.forEach((k, v) -> sb.append(" --set ").append(k).append('=').append(v));
            return sb.toString();
        }
        if (defaultLanguageModel() || files.stream().anyMatch(f -> f.getFileName().toString().matches("(word-3gram|char-6gram)\\..*"))) {
            return "ductus lm defaults " + files.get(0).getParent();
        }
        return "(provided by the user)";
    }
}
