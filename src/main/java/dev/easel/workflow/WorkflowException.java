package dev.easel.workflow;

/** A workflow that cannot be read or used, with a message for the user and, when known, where in the text. */
public final class WorkflowException extends Exception {
    private final int line;
    private final int column;

    public WorkflowException(String message) {
        this(message, 0, 0, null);
    }

    public WorkflowException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
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
