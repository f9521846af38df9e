package dev.easel.library;

/** A result that could not be saved or read, with a message for the user. */
public final class LibraryException extends Exception {
    public LibraryException(String message, Throwable cause) {
        super(message, cause);
    }

    public LibraryException(String message) {
        super(message);
    }
}
