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
