package dev.easel.api;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential backoff with jitter for idempotent calls.
 *
 * @param maxAttempts   total attempts, the first one included
 * @param baseDelay     delay before the second attempt, doubled for each further one
 * @param maxDelay      cap of one backoff delay
 * @param maxRetryAfter longest {@code Retry-After} the client waits for itself; longer waits go to the caller
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(30));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay);
        Objects.requireNonNull(maxDelay);
        Objects.requireNonNull(maxRetryAfter);
    }

    /**
     * The wait before attempt {@code attempt + 1} after {@code attempt} failed (1-based): "equal jitter",
     * half fixed and half random, so many clients that failed together do not retry together.
     */
    public Duration backoff(int attempt, RandomGenerator random) {
        long base = baseDelay.toMillis();
        long exp = base << Math.min(attempt - 1, 20);
        long capped = Math.min(exp < 0 ? Long.MAX_VALUE : exp, maxDelay.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
