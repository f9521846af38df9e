package dev.easel.demo;

import java.time.Duration;

/**
 * Fault injection rates (0..1 per request) for reliability tests of clients.
 *
 * @param serverError            answer 500 before handling
 * @param rateLimited            answer 429 with {@code Retry-After: retryAfter} before handling
 * @param htmlPage               answer 502 with an HTML page, as a proxy would
 * @param dropConnection         handle the request, then close the connection without an answer
 * @param slow                   wait {@code slowDelay} before answering
 * @param malformedJson          handle the request, then send a truncated JSON body
 * @param completedWithoutOutput a job that would complete has no {@code output} (result too large)
 */
public record Faults(double serverError, double rateLimited, Duration retryAfter, double htmlPage,
                     double dropConnection, double slow, Duration slowDelay, double malformedJson,
                     double completedWithoutOutput) {

    public static final Faults NONE = new Faults(0, 0, Duration.ofSeconds(1), 0, 0, 0, Duration.ZERO, 0, 0);

    public Faults withServerError(double rate) {
        return new Faults(rate, rateLimited, retryAfter, htmlPage, dropConnection, slow, slowDelay, malformedJson,
                completedWithoutOutput);
    }

    public Faults withRateLimited(double rate, Duration after) {
        return new Faults(serverError, rate, after, htmlPage, dropConnection, slow, slowDelay, malformedJson,
                completedWithoutOutput);
    }

    public Faults withHtmlPage(double rate) {
        return new Faults(serverError, rateLimited, retryAfter, rate, dropConnection, slow, slowDelay, malformedJson,
                completedWithoutOutput);
    }

    public Faults withDropConnection(double rate) {
        return new Faults(serverError, rateLimited, retryAfter, htmlPage, rate, slow, slowDelay, malformedJson,
                completedWithoutOutput);
    }

    public Faults withSlow(double rate, Duration delay) {
        return new Faults(serverError, rateLimited, retryAfter, htmlPage, dropConnection, rate, delay, malformedJson,
                completedWithoutOutput);
    }

    public Faults withMalformedJson(double rate) {
        return new Faults(serverError, rateLimited, retryAfter, htmlPage, dropConnection, slow, slowDelay, rate,
                completedWithoutOutput);
    }

    public Faults withCompletedWithoutOutput(double rate) {
        return new Faults(serverError, rateLimited, retryAfter, htmlPage, dropConnection, slow, slowDelay,
                malformedJson, rate);
    }
}
