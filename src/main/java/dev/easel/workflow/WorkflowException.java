package dev.easel.workflow;

import dev.easel.text.Explained;
import dev.easel.text.Text;

/**
 * A workflow that cannot be read or used, with the sentence for the user ({@link #text()}; {@link #getMessage()} is it
 * in words, for the log) and, when known, where in the text.
 */
public final class WorkflowException extends Exception implements Explained {
    private final transient Text text;
    private final int line;
    private final int column;

    public WorkflowException(Text text) {
        this(text, 0, 0, null);
    }

    public WorkflowException(Text text, int line, int column, Throwable cause) {
        super(text.toString(), cause);
        this.text = text;
        this.line = line;
        this.column = column;
    }

    @Override
    public Text text() {
        return text;
    }

    /** 1-based line of the problem in the JSON text, or 0. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0. */
    public int column() {
        return column;
    }
}
