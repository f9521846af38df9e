package dev.easel.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Which part of the serverless bill to read: either a time range, or the last {@code lastN} buckets (the current one
 * included); Runpod takes one or the other.
 *
 * @param bucket     {@code hour}, {@code day}, {@code week}, {@code month} or {@code year}
 * @param endpointId one endpoint, or null for each of them
 */
public record BillingQuery(Instant start, Instant end, int lastN, String bucket, String endpointId) {

    public BillingQuery {
        Objects.requireNonNull(bucket);
        if (lastN > 0 && (start != null || end != null)) {
            throw new IllegalArgumentException("lastN or a time range, not both");
        }
    }

    public static BillingQuery lastHours(int hours, String endpointId) {
        return new BillingQuery(null, null, hours, "hour", endpointId);
    }

    public static BillingQuery lastDays(int days, String endpointId) {
        return new BillingQuery(null, null, days, "day", endpointId);
    }

    public static BillingQuery between(Instant start, Instant end, String bucket, String endpointId) {
        return new BillingQuery(start, end, 0, bucket, endpointId);
    }
}
