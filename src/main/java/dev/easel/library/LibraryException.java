package dev.easel.library;

import dev.easel.text.Explained;
import dev.easel.text.Text;

/**
 * A result that could not be saved or read, with the sentence for the user ({@link #text()}; {@link #getMessage()} is
 * it in words, for the log).
 */
public final class LibraryException extends Exception implements Explained {
    private final transient Text text;

    public LibraryException(Text text, Throwable cause) {
        super(text.toString(), cause);
        this.text = text;
    }

    public LibraryException(Text text) {
        this(text, null);
    }

    @Override
    public Text text() {
        return text;
    }
}
