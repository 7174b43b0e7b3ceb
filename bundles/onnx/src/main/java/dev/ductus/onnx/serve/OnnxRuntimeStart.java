package dev.ductus.onnx.serve;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * onnxruntime's environment, started once per JVM. onnxruntime 1.20 extracts its natives into a fresh
 * {@code onnxruntime-java*} folder in java.io.tmpdir and marks the libraries and the folder deleteOnExit, the folder
 * first, so at exit it is deleted while still holding the libraries and stays behind, empty: one per process, every
 * {@code bin/ductus} run added one to /tmp. After the start the libraries (loaded already; unlinking a loaded library
 * is fine on Linux) and the folder are removed when exactly one such folder appeared meanwhile, which makes it this
 * process's own (a concurrent start elsewhere would show a second one: then nothing is removed).
 */
final class OnnxRuntimeStart {
    private static final String PREFIX = "onnxruntime-java";
    private static OrtEnvironment environment;

    private OnnxRuntimeStart() {
    }

    static synchronized OrtEnvironment environment() {
        if (environment != null) return environment;
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = folders(tmp);
        environment = OrtEnvironment.getEnvironment();
        Set<Path> appeared = folders(tmp);
        if (before != null && appeared != null) {
            appeared.removeAll(before);
            if (appeared.size() == 1) remove(appeared.iterator().next());
        }
        return environment;
    }

    private static void remove(Path folder) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
            for (Path p : s) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(folder);
        } catch (IOException | RuntimeException e) {
            // something else in it, or not ours to delete: leave it to onnxruntime's exit hook
        }
    }

    private static Set<Path> folders(Path tmp) {
        Set<Path> out = new HashSet<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path p : s) out.add(p);
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
