package dev.ductus.spark.config;

import dev.ductus.api.InputException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configurations a runtime would hold, read without a framework: the built-in ones of the distribution's
 * features ({@code features/*.json}, "configurations": the preprocessing chains), then every {@code PID.cfg} and
 * {@code FACTORY~NAME.cfg} of a configuration folder (properties syntax, as FileInstall reads it), which replace a
 * built-in one of the same PID. {@code ${name}} in a value is replaced from the given variables (e.g.
 * {@code ductus.models}), then from system properties; an unknown variable is an error naming the file.
 */
public final class ConfigFiles {
    /** The features whose built-in configurations the job knows (resources {@code ductus/features/NAME.json}). */
    static final List<String> FEATURES = List.of("core", "historical", "hybrid", "ctc", "deep", "peers", "shell", "web");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    /** One configuration: its PID ({@code factory~name} for a named factory configuration) and properties. */
    public record Configuration(String pid, Map<String, Object> properties, String source) implements Serializable {
        public Configuration {
            properties = new LinkedHashMap<>(properties);
        }

        /** The factory PID (the part before '~'), or the PID of a singleton configuration. */
        public String factoryPid() {
            int t = pid.indexOf('~');
            return t < 0 ? pid : pid.substring(0, t);
        }

        /** The configuration's name (after '~'), or null for a singleton configuration. */
        public String name() {
            int t = pid.indexOf('~');
            return t < 0 ? null : pid.substring(t + 1);
        }

        /** A text property, or the fallback when absent. */
        public String text(String key, String fallback) {
            Object v = properties.get(key);
            return v == null ? fallback : String.valueOf(v);
        }
    }

    private ConfigFiles() {
    }

    /** Built-in configurations, then those of {@code dir} (which may be null: built-in ones only), by PID. */
    public static Map<String, Configuration> load(Path dir, Map<String, String> variables) {
        Map<String, Configuration> out = new TreeMap<>();
        for (String feature : FEATURES) {
            String resource = "ductus/features/" + feature + ".json";
            try (InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) continue;
                readFeature(resource, new java.io.InputStreamReader(in, StandardCharsets.UTF_8), out);
            } catch (IOException e) {
                throw new InputException(resource, "cannot read: " + e.getMessage(), e);
            }
        }
        if (dir != null) {
            if (!Files.isDirectory(dir)) throw new InputException(dir.toString(), "not a configuration folder");
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".cfg")).sorted().toList();
            } catch (IOException e) {
                throw new InputException(dir.toString(), "cannot list: " + e.getMessage(), e);
            }
            for (Path f : files) {
                Configuration c = readCfg(f, variables);
                out.put(c.pid(), c);
            }
        }
        return out;
    }

    /** One {@code .cfg} file: properties, values trimmed, variables replaced. */
    static Configuration readCfg(Path file, Map<String, String> variables) {
        String name = file.getFileName().toString();
        String pid = name.substring(0, name.length() - ".cfg".length());
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(file.toString(), "not a readable configuration file: " + e.getMessage(), e);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        for (String key : new TreeMap<>(Map.copyOf(toMap(p))).keySet()) {
            props.put(key, substitute(p.getProperty(key).trim(), variables, file.toString()));
        }
        return new Configuration(pid, props, file.toString());
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
        return m;
    }

    static String substitute(String value, Map<String, String> variables, String source) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String v = variables.get(key);
            if (v == null) v = System.getProperty(key);
            if (v == null) throw new InputException(source, "unknown variable ${" + key + "} (known: " + variables.keySet() + ")");
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static void readFeature(String source, Reader reader, Map<String, Configuration> out) {
        try (JsonReader json = Json.createReader(reader)) {
            JsonObject feature = json.readObject();
            JsonObject configurations = feature.getJsonObject("configurations");
            if (configurations == null) return;
            for (var e : configurations.entrySet()) {
                Map<String, Object> props = new LinkedHashMap<>();
                for (var p : e.getValue().asJsonObject().entrySet()) props.put(p.getKey(), plain(p.getValue()));
                out.put(e.getKey(), new Configuration(e.getKey(), props, source));
            }
        } catch (RuntimeException e) {
            throw new InputException(source, "not a feature description: " + e.getMessage(), e);
        }
    }

    private static Object plain(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).isIntegral() ? (Object) ((JsonNumber) v).longValue() : ((JsonNumber) v).doubleValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case ARRAY -> {
                List<String> items = new ArrayList<>();
                for (JsonValue item : (JsonArray) v) items.add(item instanceof JsonString s ? s.getString() : item.toString());
                yield items.toArray(String[]::new);
            }
            default -> v.toString();
        };
    }
}
