package llmbench.config;

/** Input the user can fix (an option, a file, a target); its message is the one line shown to them. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
