package dev.ductus.data.fetch;

import dev.ductus.api.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the npm client, {@code npm pack NAME@VERSION --pack-destination DIR}: the registry's own client fetches
 * the exact published tarball without installing anything or running package scripts.
 */
public final class NpmPackCommand implements PackCommand {
    private static final List<String> NETWORK_ERRORS =
            List.of("enotfound", "eai_again", "econnrefused", "etimedout", "econnreset", "network", "offline");
    private final String npm;
    private final long timeoutSeconds;

    /** @param npm the npm executable (a name on PATH or a path) */
    public NpmPackCommand(String npm, long timeoutSeconds) {
        this.npm = npm;
        this.timeoutSeconds = timeoutSeconds;
    }

    public NpmPackCommand() {
        this("npm", 600);
    }

    @Override
    public Path pack(NpmPackage pkg, Path destination) throws IOException {
        Files.createDirectories(destination);
        ProcessBuilder builder = new ProcessBuilder(npm, "pack", pkg.spec(), "--pack-destination",
                destination.toString(), "--silent", "--ignore-scripts");
        builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Path log = Files.createTempFile(destination, "npm-", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new InputException("npm", "cannot run '" + npm + "' (" + e.getMessage() + "). Install Node.js with npm, "
                    + "or put the package tarballs into the cache by hand; needed: " + pkg.spec(), e);
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new InputException(pkg.spec(), "npm pack did not finish in " + timeoutSeconds + " s (offline or a slow registry?)");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + pkg.spec(), e);
        }
        String output = tail(log);
        Files.deleteIfExists(log);
        if (process.exitValue() != 0) {
            String lower = output.toLowerCase(Locale.ROOT);
            boolean network = NETWORK_ERRORS.stream().anyMatch(lower::contains);
            throw new InputException(pkg.spec(), "npm pack failed with exit code " + process.exitValue()
                    + (network ? " because npm could not reach the registry (offline?)" : "") + ": " + output.strip());
        }
        try (Stream<Path> files = Files.list(destination)) {
            List<Path> tarballs = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).toList();
            if (tarballs.size() != 1) {
                throw new InputException(pkg.spec(), "npm pack wrote " + tarballs.size() + " tarballs into " + destination
                        + ", expected one: " + output.strip());
            }
            return tarballs.get(0);
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

}
