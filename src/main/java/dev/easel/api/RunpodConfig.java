package dev.easel.api;

import dev.easel.text.Refused;
import dev.easel.text.Text;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the client talks to one Runpod endpoint.
 *
 * @param baseUrl  the queue API base, {@code https://api.runpod.ai/v2} for Runpod
 * @param endpointId the endpoint id, e.g. {@code 32vgrms732dkwi}
 * @param apiKey   the secret; {@link #toString()} never shows it
 */
public record RunpodConfig(URI baseUrl, String endpointId, String apiKey,
                           Duration connectTimeout, Duration readTimeout, RetryPolicy retry) {

    public static final URI RUNPOD_BASE_URL = URI.create("https://api.runpod.ai/v2");

    public RunpodConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
        if (endpointId.isBlank() || !endpointId.matches("[A-Za-z0-9_.-]+")) {
            throw new Refused(Text.of("api.badEndpointId", endpointId));
        }
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
    }

    /**
     * A config with Runpod's defaults: 10 s to connect, 30 s without a byte of the answer (runsync adds its wait),
     * so a hung call is noticed in half a minute, not minutes.
     */
    public static RunpodConfig of(URI baseUrl, String endpointId, String apiKey) {
        return new RunpodConfig(baseUrl, endpointId, apiKey, Duration.ofSeconds(10), Duration.ofSeconds(30),
                RetryPolicy.DEFAULT);
    }

    public RunpodConfig withRetry(RetryPolicy policy) {
        return new RunpodConfig(baseUrl, endpointId, apiKey, connectTimeout, readTimeout, policy);
    }

    public RunpodConfig withTimeouts(Duration connect, Duration read) {
        return new RunpodConfig(baseUrl, endpointId, apiKey, connect, read, retry);
    }

    @Override
    public String toString() {
        return "RunpodConfig[baseUrl=" + baseUrl + ", endpointId=" + endpointId + ", apiKey="
                + (apiKey == null || apiKey.isEmpty() ? "(none)" : "(set)") + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", retry=" + retry + "]";
    }
}
