package dev.ductus.api;

/**
 * Bad input: a corrupt image, a truncated model, a malformed ARPA file, a missing stage. The message always
 * names the offending file (or configuration) and the problem, so a user can act on it without a stack trace.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;

    public InputException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public InputException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file, line or configuration the problem was found in. */
    public String source() {
        return source;
    }
}
