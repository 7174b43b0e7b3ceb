package dev.ductus.spark;

import dev.ductus.api.InputException;
import dev.ductus.spark.assembly.PlainAssembly;
import dev.ductus.spark.config.ConfigFiles;
import dev.ductus.spark.config.ConfigFiles.Configuration;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an executor needs to build one pipeline, made on the driver and broadcast once: the configurations the
 * pipeline's stages were built from and the bytes of the model files they name. An executor writes the files to
 * a local folder once per job (keyed by {@link #id}, a digest of it all) and builds the pipeline from them with
 * {@link PlainAssembly}; every task of the executor then reuses that pipeline.
 */
public final class JobPipeline implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Properties that name model files: their files travel with the job. */
    static final List<String> FILE_KEYS = List.of("model.path", "char.model.path");
    /** Pipelines built on this JVM, by job digest; the 4 used last are kept (an executor may outlive many jobs). */
    private static final Map<String, PlainAssembly.Assembled> BUILT = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PlainAssembly.Assembled> eldest) {
            return size() > 4;
        }
    };

    private final String pipeline;
    private final List<Configuration> configurations;
    private final Map<String, byte[]> files;
    private final String id;
    private final String modelVersion;

    private JobPipeline(String pipeline, List<Configuration> configurations, Map<String, byte[]> files, String modelVersion) {
        this.pipeline = pipeline;
        this.configurations = List.copyOf(configurations);
        this.files = files;
        this.modelVersion = modelVersion;
        this.id = digest(pipeline, configurations, files);
    }

    /**
     * Builds the pipeline on the driver from a configuration folder (checking that it is ready: a missing model is
     * reported here, before any task runs) and keeps what its stages were made of.
     *
     * @param variables {@code ductus.models} etc. for {@code ${...}} in the configuration files
     */
    public static JobPipeline prepare(String pipeline, Path configDir, Map<String, String> variables) {
        Map<String, Configuration> all = ConfigFiles.load(configDir, variables);
        PlainAssembly.Assembled assembled = new PlainAssembly(all).pipeline(pipeline);
        Map<String, Configuration> keep = new LinkedHashMap<>();
        // singletons (step, segmenter and extractor settings) are small and may matter to any stage
        for (Configuration c : all.values()) if (c.name() == null) keep.put(c.pid(), c);
        // the chains too: they are built from their step names, without files
        for (Configuration c : all.values()) if (c.factoryPid().equals("dev.ductus.image.chain")) keep.put(c.pid(), c);
        for (Configuration c : assembled.used()) keep.put(c.pid(), c);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Configuration c : keep.values()) {
            for (String key : FILE_KEYS) {
                String path = c.text(key, "");
                if (path.isBlank() || files.containsKey(path)) continue;
                try {
                    files.put(path, Files.readAllBytes(Path.of(path)));
                } catch (IOException e) {
                    throw new InputException(path, "cannot read: " + e.getMessage(), e);
                }
            }
        }
        return new JobPipeline(assembled.name(), List.copyOf(keep.values()), files, assembled.state().version());
    }

    public String pipeline() {
        return pipeline;
    }

    /** The version of the pipeline's model ({@code name@sha256-prefix}), as the runtime reports it. */
    public String modelVersion() {
        return modelVersion;
    }

    /** Bytes of model files carried. */
    public long bytes() {
        return files.values().stream().mapToLong(b -> b.length).sum();
    }

    public String id() {
        return id;
    }

    /** The pipeline on this JVM: built on first use from files written to a local folder, then shared. */
    public PlainAssembly.Assembled local() {
        synchronized (BUILT) {
            // tasks of one job on this executor wait for the first to build (models load once)
            PlainAssembly.Assembled a = BUILT.get(id);
            if (a == null) {
                a = build();
                BUILT.put(id, a);
            }
            return a;
        }
    }

    private PlainAssembly.Assembled build() {
        try {
            Path dir = Files.createTempDirectory("ductus-spark-" + id.substring(0, 12));
            dir.toFile().deleteOnExit();
            Map<String, String> local = new LinkedHashMap<>();
            int n = 0;
            for (var e : files.entrySet()) {
                Path name = Path.of(e.getKey()).getFileName();
                Path target = dir.resolve((n++) + "-" + (name == null ? "model" : name.toString()));
                Files.write(target, e.getValue());
                target.toFile().deleteOnExit();
                local.put(e.getKey(), target.toString());
            }
            Map<String, Configuration> configs = new LinkedHashMap<>();
            for (Configuration c : configurations) {
                Map<String, Object> p = new LinkedHashMap<>(c.properties());
                for (String key : FILE_KEYS) if (p.get(key) != null && local.containsKey(String.valueOf(p.get(key)))) {
                    p.put(key, local.get(String.valueOf(p.get(key))));
                }
                configs.put(c.pid(), new Configuration(c.pid(), p, c.source()));
            }
            return new PlainAssembly(configs).pipeline(pipeline);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job's model files: " + e.getMessage(), e);
        }
    }

    private static String digest(String pipeline, List<Configuration> configurations, Map<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(pipeline.getBytes(StandardCharsets.UTF_8));
            for (Configuration c : configurations) {
                md.update(c.pid().getBytes(StandardCharsets.UTF_8));
                for (var p : c.properties().entrySet()) {
                    md.update(p.getKey().getBytes(StandardCharsets.UTF_8));
                    Object v = p.getValue();
                    md.update((v instanceof String[] a ? String.join("\u0000", a) : String.valueOf(v)).getBytes(StandardCharsets.UTF_8));
                }
            }
            for (var f : files.entrySet()) {
                md.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                md.update(f.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
