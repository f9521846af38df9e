package dev.easel.api;

import java.time.Duration;

/**
 * The optional {@code policy} of a run request; null fields are left to Runpod's defaults
 * (execution timeout 10 min, ttl 24 h).
 */
public record RunPolicy(Duration executionTimeout, Duration ttl, Boolean lowPriority) {
    public static final RunPolicy DEFAULT = new RunPolicy(null, null, null);

    public boolean isDefault() {
        return executionTimeout == null && ttl == null && lowPriority == null;
    }
}
