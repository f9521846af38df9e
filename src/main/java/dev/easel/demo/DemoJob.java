package dev.easel.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.CompletableFuture;

/** One job inside the demo endpoint. Guarded by its own monitor; the engine owns all transitions. */
final class DemoJob {

    enum State {
        IN_QUEUE, IN_PROGRESS, COMPLETED, FAILED, CANCELLED, TIMED_OUT;

        boolean terminal() {
            return ordinal() >= COMPLETED.ordinal();
        }
    }

    final String id;
    /** The endpoint id it was sent to (the demo answers for any). */
    final String endpointId;
    final boolean sync;
    final JsonNode input;
    final long ttlNanos;
    final long executionTimeoutMs;

    /** Runpod's {@code policy.lowPriority}: the job starts no worker; it waits for one that is up. */
    volatile boolean lowPriority;
    State state = State.IN_QUEUE;
    long submittedAt;
    long startedAt;
    long finishedAt;
    String workerId;
    ObjectNode output;
    String error;
    int progress;
    int totalSteps;
    String progressNode;
    /** Bumped by /retry so a worker still busy with the old run cannot write into the new one. */
    int generation;
    CompletableFuture<Void> done = new CompletableFuture<>();

    DemoJob(String id, String endpointId, boolean sync, JsonNode input, long ttlNanos, long executionTimeoutMs, long now) {
        this.id = id;
        this.endpointId = endpointId;
        this.sync = sync;
        this.input = input;
        this.ttlNanos = ttlNanos;
        this.executionTimeoutMs = executionTimeoutMs;
        this.submittedAt = now;
    }
}
