package dev.ductus.launcher;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The assembled distribution (target/ductus) as the tests use it: as processes, and as a framework in this JVM. */
final class Distribution {
    static final Path HOME = Path.of(System.getProperty("ductus.dist", "target/ductus")).toAbsolutePath();

    /** The result of one {@code bin/ductus} run. */
    record Run(int status, String out, String err) {
    }

    private Distribution() {
    }

    /** Runs bin/ductus with a private cache folder. */
    static Run run(Path cache, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(HOME.resolve("bin/ductus").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DUCTUS_CACHE", cache.toString());
        pb.environment().put("DUCTUS_JAVA_OPTS", "-Xmx1g");
        Path out = Files.createTempFile("ductus-out", ".txt");
        Path err = Files.createTempFile("ductus-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/ductus " + String.join(" ", args) + " did not finish in 120 s");
        }
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    /** A framework started in this JVM from the distribution, with a private config folder and storage. */
    static final class InProcess implements AutoCloseable {
        final Path config;
        final Path storage;
        final long startMillis;
        private final Launcher launcher;
        private final Object cli;

        InProcess(Path config, Path storage, boolean clean) throws Exception {
            this(config, storage, clean, List.of("all"), java.util.Map.of());
        }

        /** With these features and framework properties (e.g. the web feature and its port). */
        InProcess(Path config, Path storage, boolean clean, List<String> featureNames, java.util.Map<String, String> extra) throws Exception {
            this.config = config;
            this.storage = storage;
            long t0 = System.nanoTime();
            FeatureSet features = FeatureSet.read(HOME.resolve("features"), featureNames);
            launcher = new Launcher(HOME, config, storage, clean, features, extra);
            launcher.start();
            cli = launcher.awaitCommandLine(10_000);
            startMillis = (System.nanoTime() - t0) / 1_000_000;
        }

        /** Runs a verb in this framework, as the Gogo command would. */
        Run execute(String... args) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Method m = cli.getClass().getMethod("execute", String[].class, PrintStream.class, PrintStream.class);
            int status;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                status = (Integer) m.invoke(cli, args, o, e);
            }
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        /** The ConfigurationAdmin of the framework, called by reflection (its classes are the bundle's). */
        void createFactoryConfiguration(String factoryPid, String name, java.util.Hashtable<String, Object> props) throws Exception {
            var ctx = launcher.framework().getBundleContext();
            var refs = ctx.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
            Object admin = ctx.getService(refs[0]);
            Class<?> adminType = admin.getClass().getClassLoader().loadClass("org.osgi.service.cm.ConfigurationAdmin");
            Object config = adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class)
                    .invoke(admin, factoryPid, name, "?");
            Class<?> configType = adminType.getClassLoader().loadClass("org.osgi.service.cm.Configuration");
            configType.getMethod("update", java.util.Dictionary.class).invoke(config, props);
        }

        @Override
        public void close() throws Exception {
            launcher.stop();
        }
    }

    /** A copy of the distribution's config folder. */
    static Path copyConfig(Path into) throws IOException {
        Files.createDirectories(into);
        try (Stream<Path> s = Files.list(HOME.resolve("config"))) {
            for (Path p : s.toList()) Files.copy(p, into.resolve(p.getFileName()));
        }
        return into;
    }

    /** A slanted text line drawn with Java2D, as a PNG. */
    static Path textLine(Path file) throws IOException {
        return textLine(file, "minimum legible");
    }

    /** A slanted line of this text drawn with Java2D, as a PNG. */
    static Path textLine(Path file, String text) throws IOException {
        BufferedImage img = new BufferedImage(600, 90, BufferedImage.TYPE_BYTE_GRAY);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 600, 90);
        g.setColor(java.awt.Color.BLACK);
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(new java.awt.Font(java.awt.Font.SERIF, java.awt.Font.PLAIN, 40)
                .deriveFont(java.awt.geom.AffineTransform.getShearInstance(-0.3, 0)));
        g.drawString(text, 40, 60);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
