package dev.ductus.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.osgi.framework.launch.Framework;

/**
 * {@code bin/ductus}: {@code ductus run [--feature a,b] [--config DIR] [--no-shell] [--port N]} starts the framework and
 * serves (the HTTP API and page, and the Gogo shell unless --no-shell); {@code ductus serve [--port N]} serves HTTP
 * only, until stopped; any other verb starts the framework in a fresh storage folder,
 * runs that verb through the shell bundle's command line, stops the framework and exits with the verb's status.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (LaunchException e) {
            System.err.println("ductus: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            System.err.println("ductus: failed to start: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        long t0 = System.nanoTime();
        Path home = Path.of(System.getProperty("ductus.home", ".")).toAbsolutePath().normalize();
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        String verb = args.isEmpty() ? "help" : args.get(0);
        List<String> features = new ArrayList<>(List.of("all"));
        String featureOption = takeOption(args, "--feature");
        if (featureOption != null) features = Arrays.asList(featureOption.split(","));
        String configOption = takeOption(args, "--config");
        Path configDir = configOption != null ? Path.of(configOption)
                : System.getenv("DUCTUS_CONFIG") != null ? Path.of(System.getenv("DUCTUS_CONFIG")) : home.resolve("config");
        configDir = configDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(configDir)) throw new LaunchException("config folder " + configDir + " does not exist");
        boolean web = verb.equals("serve");
        boolean serve = verb.equals("run") || web;
        boolean noShell = web || (serve && args.remove("--no-shell"));
        String port = serve ? takeOption(args, "--port") : null;
        if (port != null && !port.matches("\\d{1,5}") ) throw new LaunchException("--port takes a port number, not '" + port + "'");
        configureLogging(serve);
        FeatureSet featureSet = FeatureSet.read(home.resolve("features"), features);
        if (serve) {
            // ductus run and ductus serve answer HTTP too (the web feature); run adds the Gogo shell
            List<String> withShell = new ArrayList<>(features);
            if (!withShell.contains("web") && Files.isRegularFile(home.resolve("features/web.json"))) withShell.add("web");
            if (!noShell && !withShell.contains("shell")) withShell.add("shell");
            featureSet = FeatureSet.read(home.resolve("features"), withShell);
        }
        Map<String, String> extra = new HashMap<>();
        Path storage;
        InstanceLock instance = null;
        if (serve) {
            String s = takeOption(args, "--storage");
            storage = s != null ? Path.of(s) : InstanceLock.defaultStorage(Launcher.cacheDir(), home, configDir);
            instance = InstanceLock.acquire(storage);
            extra.put("gosh.args", noShell ? "--nointeractive --noshutdown" : "--noshutdown");
            // the HTTP server starts on this address; the web bundle's configuration (dev.ductus.web) may move it
            extra.put("org.apache.felix.http.host", "127.0.0.1");
            extra.put("org.osgi.service.http.port", port != null ? port : "8737");
            if (port != null) extra.put("ductus.web.port", port);
        } else {
            storage = Files.createTempDirectory("ductus-felix");
        }
        Launcher launcher = new Launcher(home, configDir, storage, !serve, featureSet, extra);
        Framework framework = launcher.start();
        if (Boolean.getBoolean("ductus.timing")) {
            err.printf("ductus: framework started in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        }
        if (serve) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    launcher.stop();
                } catch (Exception ignored) {
                    // exiting anyway
                }
            }, "ductus-shutdown"));
            out.println("ductus: running features " + featureSet.names() + ", watching " + configDir
                    + (featureSet.names().contains("web") ? "; serving http://127.0.0.1:" + (port != null ? port : "8737") + "/ (or the port in dev.ductus.web)" : "")
                    + (noShell ? " (no shell; stop with Ctrl-C)" : "; type 'ductus:help' for the verbs"));
            try {
                framework.waitForStop(0);
            } finally {
                instance.close();
            }
            return 0;
        }
        try {
            Object cli = launcher.awaitCommandLine(10_000);
            Method execute = cli.getClass().getMethod("execute", String[].class, PrintStream.class, PrintStream.class);
            return (Integer) execute.invoke(cli, args.toArray(new String[0]), out, err);
        } finally {
            launcher.stop();
            deleteTree(storage);
            if (Boolean.getBoolean("ductus.timing")) {
                err.printf("ductus: done in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            }
        }
    }

    private static String takeOption(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(name) && i + 1 < args.size()) {
                String v = args.get(i + 1);
                args.subList(i, i + 2).clear();
                return v;
            }
            if (a.startsWith(name + "=")) {
                args.remove(i);
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** One line per record on stderr; one-shot verbs show warnings and errors only. */
    private static void configureLogging(boolean serve) throws IOException {
        if (System.getProperty("java.util.logging.config.file") != null) return;
        String level = System.getProperty("ductus.log.level", serve ? "INFO" : "WARNING");
        String config = "handlers=java.util.logging.ConsoleHandler\n"
                + ".level=" + level + "\n"
                + "java.util.logging.ConsoleHandler.level=ALL\n"
                + "java.util.logging.SimpleFormatter.format=%1$tT %4$s %3$s: %5$s%6$s%n\n"
                + "org.nd4j.level=SEVERE\n";
        LogManager.getLogManager().readConfiguration(new java.io.ByteArrayInputStream(config.getBytes()));
        Logger.getLogger("").setLevel(Level.parse(level));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
