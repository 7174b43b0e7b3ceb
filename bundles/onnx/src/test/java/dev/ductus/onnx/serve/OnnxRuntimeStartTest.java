package dev.ductus.onnx.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Defect: every process that started onnxruntime left an empty onnxruntime-java* folder in /tmp. */
class OnnxRuntimeStartTest {
    /** Starts onnxruntime in a JVM of its own (this one started it long ago) and prints the folders it left. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Set<Path> before = folders(tmp);
            OnnxRuntimeStart.environment();
            Set<Path> after = folders(tmp);
            after.removeAll(before);
            System.out.println("left " + after.size());
            System.exit(0);
        }
    }

    static Set<Path> folders(Path tmp) throws Exception {
        Set<Path> out = new HashSet<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(tmp, "onnxruntime-java*")) {
            for (Path p : s) out.add(p);
        }
        return out;
    }

    @Test
    void aStartLeavesNoFolderInTheTemporaryFolder() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("left 0"), out);
    }
}
