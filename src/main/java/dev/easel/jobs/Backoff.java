package dev.easel.jobs;

import dev.easel.api.RunpodException;

import java.time.Duration;

/** How long the queue waits before asking again after a failed request. */
final class Backoff {

    /** The longest wait between two attempts of a failed request, whatever a {@code Retry-After} asks. */
    static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(60);

    private Backoff() {
    }

    /** How long to wait before attempt {@code attempt + 1}: the server's Retry-After or a backoff, capped. */
    static Duration retryWait(RunpodException e, int attempt) {
        Duration wait = e.retryAfter().orElse(backoff(attempt));
        return wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Duration backoff(int failures) {
        return Duration.ofSeconds(Math.min(30, 1L << Math.min(Math.max(failures, 1), 5)));
    }
}
