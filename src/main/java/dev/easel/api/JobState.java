package dev.easel.api;

import java.util.Locale;

/** The state of a Runpod job, read tolerantly: {@code RUNNING} means IN_PROGRESS, anything unknown is {@link #UNKNOWN}. */
public enum JobState {
    IN_QUEUE, IN_PROGRESS, COMPLETED, FAILED, CANCELLED, TIMED_OUT, UNKNOWN;

    /** Parses the wire value; never throws. */
    public static JobState parse(String wire) {
        if (wire == null) {
            return UNKNOWN;
        }
        return switch (wire.trim().toUpperCase(Locale.ROOT)) {
            case "IN_QUEUE" -> IN_QUEUE;
            case "IN_PROGRESS", "RUNNING" -> IN_PROGRESS;
            case "COMPLETED" -> COMPLETED;
            case "FAILED" -> FAILED;
            case "CANCELLED", "CANCELED" -> CANCELLED;
            case "TIMED_OUT" -> TIMED_OUT;
            default -> UNKNOWN;
        };
    }

    /** A terminal state never changes again. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
    }
}
