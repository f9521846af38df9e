package dev.easel.api;

import dev.easel.text.Explained;
import dev.easel.text.Text;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed call to the Runpod API: {@link #text()} is the sentence for the user (a key and its arguments;
 * {@link #getMessage()} is it in words, for the log), {@link #detail()} the raw answer for the log (the API key already
 * removed from all of them).
 */
public final class RunpodException extends RuntimeException implements Explained {

    /** What went wrong, in terms a caller can act on. */
    public enum Kind {
        /** 401: the API key was refused. */
        UNAUTHORIZED(false),
        /** 403: the key works but may not use this endpoint. */
        FORBIDDEN(false),
        /** 404 on an endpoint-level call: the endpoint id is unknown. */
        ENDPOINT_NOT_FOUND(false),
        /** 404 on a job-level call: unknown job, or its result expired. */
        JOB_NOT_FOUND(false),
        /** 429: too many requests; see {@link #retryAfter()}. */
        RATE_LIMITED(true),
        /** 5xx. */
        SERVER_ERROR(true),
        /** 400 and other 4xx answers. */
        BAD_REQUEST(false),
        /** The request is over Runpod's size limit (checked before sending, or 413). */
        REQUEST_TOO_LARGE(false),
        /** The answer was not the JSON expected: an HTML error page, a truncated body. */
        BAD_RESPONSE(true),
        /** No answer in time. */
        TIMEOUT(true),
        /** The server could not be reached at all. */
        NETWORK(true),
        /** A /run that may or may not have created a job: resending could create a duplicate. */
        SUBMISSION_UNKNOWN(false),
        /** The key would have gone over plain http to a host that is not this machine. */
        INSECURE_URL(false),
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED(false);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Whether trying the same idempotent call again later may succeed. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Kind kind;
    private final transient Text text;
    private final int httpStatus;
    private final String detail;
    private final Duration retryAfter;

    public RunpodException(Kind kind, Text text, String detail, int httpStatus, Duration retryAfter,
                           Throwable cause) {
        super(text.toString(), cause);
        this.text = text;
        this.kind = kind;
        this.detail = detail == null ? "" : detail;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public RunpodException(Kind kind, Text text, String detail) {
        this(kind, text, detail, 0, null, null);
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public Text text() {
        return text;
    }

    /** The HTTP status of the answer, or 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Raw detail for the log: status line, body excerpt, exception text. */
    public String detail() {
        return detail;
    }

    /** The server's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return "RunpodException[" + kind + (httpStatus > 0 ? " " + httpStatus : "") + "]: " + getMessage()
                + (detail.isEmpty() ? "" : " | " + detail);
    }
}
