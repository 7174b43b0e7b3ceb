package dev.ductus.data.io;

/** Receives progress lines of long work (fetching, generating); the CLI prints them on standard error. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = line -> { };

    void message(String line);

    static ProgressListener to(java.io.PrintStream stream) {
        return stream::println;
    }
}
