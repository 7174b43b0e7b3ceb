package dev.ductus.launcher;

/** A launch problem the user can fix (a missing feature, bundle or folder): printed without a stack trace. */
final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
        super(message);
    }
}
