package dev.easel.jobs;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where a job is, from Easel's side: Runpod's states plus the steps around them. */
public enum JobPhase {
    /** Journaled, waiting for a submission slot. */
    PENDING(false),
    /** The /run request is on its way. */
    SUBMITTING(false),
    IN_QUEUE(false),
    IN_PROGRESS(false),
    /** Runpod says COMPLETED; the images are being fetched and saved. */
    SAVING(false),
    COMPLETED(true),
    FAILED(true),
    CANCELLED(true),
    TIMED_OUT(true),
    /** Runpod no longer knows the job (its results expired, or its ttl ran out). */
    EXPIRED(true),
    /** The /run request may or may not have created a job; Easel did not resend it. */
    SUBMISSION_UNKNOWN(true);

    private final boolean terminal;

    JobPhase(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** The terminal phases as a quoted SQL list: {@code 'COMPLETED','FAILED',…}. */
    static String terminalNames() {
        return Arrays.stream(values()).filter(JobPhase::isTerminal).map(p -> "'" + p.name() + "'")
                .collect(Collectors.joining(","));
    }

    /** Whether the queue polls Runpod for it. */
    public boolean isPolled() {
        return this == IN_QUEUE || this == IN_PROGRESS;
    }
}
