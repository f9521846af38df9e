package dev.easel.text;

import java.sql.SQLException;

/** A database failure with the sentence for the user ({@link #getMessage()} is it in words, for the log). */
public final class ExplainedSQLException extends SQLException implements Explained {
    private final transient Text text;

    public ExplainedSQLException(Text text, Throwable cause) {
        super(text.toString(), cause);
        this.text = text;
    }

    public ExplainedSQLException(Text text) {
        this(text, null);
    }

    @Override
    public Text text() {
        return text;
    }
}
