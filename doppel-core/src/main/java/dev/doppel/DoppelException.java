package dev.doppel;

/**
 * An error a user can act on: its message is shown as is, without a stack trace, by the CLI and the server.
 * Subclasses carry the exit code the CLI returns for them.
 */
public class DoppelException extends RuntimeException {
    /** Exit code for bad input (data, metadata, model files). */
    public static final int EXIT_BAD_INPUT = 3;

    public DoppelException(String message) {
        super(message);
    }

    public DoppelException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The exit code the CLI returns for this error. */
    public int exitCode() {
        return EXIT_BAD_INPUT;
    }
}
