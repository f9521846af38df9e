package dev.easel.text;

import java.io.IOException;

/** An I/O failure with the sentence for the user ({@link #getMessage()} is it in words, for the log). */
public final class ExplainedIOException extends IOException implements Explained {
    private final transient Text text;

    public ExplainedIOException(Text text, Throwable cause) {
        super(text.toString(), cause);
        this.text = text;
    }

    public ExplainedIOException(Text text) {
        this(text, null);
    }

    @Override
    public Text text() {
        return text;
    }
}
