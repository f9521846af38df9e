package dev.easel.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how Easel talks to a Runpod account's management API (REST v2: endpoints, workers, logs, catalog,
 * billing).
 *
 * @param baseUrl {@code https://api.runpod.io/v2} for Runpod, the demo's {@code http://127.0.0.1:port/v2}
 * @param apiKey  the secret; {@link #toString()} never shows it
 */
public record AccountConfig(URI baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout, RetryPolicy retry) {

    public static final URI RUNPOD_REST_URL = URI.create("https://api.runpod.io/v2");
    /** Runpod's queue API (the profiles' usual base URL). */
    private static final String QUEUE_URL = "https://api.runpod.ai/v2";

    public AccountConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
    }

    /** Runpod's defaults: 10 s to connect, 30 s without a byte of an answer. */
    public static AccountConfig of(URI baseUrl, String apiKey) {
        return new AccountConfig(baseUrl, apiKey, Duration.ofSeconds(10), Duration.ofSeconds(30), RetryPolicy.DEFAULT);
    }

    /**
     * The management API that goes with a queue API base: Runpod's queue is {@code api.runpod.ai}, its management
     * API {@code api.runpod.io}; any other base (a test server, {@code easel serve-demo}) serves both.
     */
    public static URI restBaseFor(String queueBaseUrl) {
        String q = queueBaseUrl == null || queueBaseUrl.isBlank() ? QUEUE_URL : queueBaseUrl.strip();
        return q.replaceAll("/+$", "").equals(QUEUE_URL) ? RUNPOD_REST_URL : URI.create(q);
    }

    /** The queue API base for profiles made through a management API base: the inverse of {@link #restBaseFor}. */
    public static String queueBaseFor(URI restBase) {
        String r = restBase.toString().replaceAll("/+$", "");
        return r.equals(RUNPOD_REST_URL.toString()) ? QUEUE_URL : r;
    }

    public AccountConfig withRetry(RetryPolicy policy) {
        return new AccountConfig(baseUrl, apiKey, connectTimeout, readTimeout, policy);
    }

    public AccountConfig withTimeouts(Duration connect, Duration read) {
        return new AccountConfig(baseUrl, apiKey, connect, read, retry);
    }

    @Override
    public String toString() {
        return "AccountConfig[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "(none)" : "(set)")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", retry=" + retry + "]";
    }
}
