package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.easel.api.AccountEndpoint.instant;
import static dev.easel.api.AccountEndpoint.text;

/**
 * An endpoint's live workers ({@code GET /v2/serverless/{id}/workers}): only those active now; scaled-down workers
 * are not listed. The counts by state are taken from the workers themselves when listed (Runpod's own summary was
 * seen not to add up), else from the summary.
 */
public record EndpointWorkers(Integer endpointVersion, Map<State, Integer> byState, List<Worker> workers) {

    /** A worker's state; {@link #OTHER} for one this version of Easel does not know. */
    public enum State {
        /** Running a job: billed. */
        RUNNING,
        /** Ready and polling for jobs. */
        IDLE,
        /** Starting: pulling the image, loading code. */
        INITIALIZING,
        /** Waiting for a GPU to become free. */
        THROTTLED,
        /** Failing its health checks. */
        UNHEALTHY,
        OTHER;

        static State of(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return OTHER;
            }
        }
    }

    /**
     * One worker.
     *
     * @param stale         it runs an older configuration than the endpoint's (mid-rollout)
     * @param uptimeSeconds -1 until placed and running
     */
    public record Worker(String id, State state, boolean stale, int gpuCount, String image, long uptimeSeconds,
                         String gpuTypeId, String dataCenterId, Instant startedAt) { }

    public EndpointWorkers {
        byState = Map.copyOf(byState);
        workers = List.copyOf(workers);
    }

    public int count(State s) {
        return byState.getOrDefault(s, 0);
    }

    public int total() {
        return byState.values().stream().mapToInt(Integer::intValue).sum();
    }

    static EndpointWorkers from(JsonNode n) {
        List<Worker> list = new ArrayList<>();
        for (JsonNode w : n.path("workers")) {
            String id = text(w, "id");
            if (id.isEmpty()) {
                continue;
            }
            list.add(new Worker(id, State.of(text(w, "status")), w.path("isStale").asBoolean(false),
                    w.path("gpuCount").asInt(0), text(w, "image"), w.path("uptimeSeconds").asLong(-1),
                    text(w, "gpuTypeId"), text(w, "dataCenterId"), instant(text(w, "startedAt"))));
        }
        Map<State, Integer> counts = new EnumMap<>(State.class);
        if (!list.isEmpty()) {
            list.forEach(w -> counts.merge(w.state(), 1, Integer::sum));
        } else {
            JsonNode s = n.path("summary");
            for (State st : State.values()) {
                int c = s.path(st.name().toLowerCase(Locale.ROOT)).asInt(0);
                if (c > 0 && st != State.OTHER) {
                    counts.put(st, c);
                }
            }
        }
        JsonNode v = n.path("endpointVersion");
        return new EndpointWorkers(v.isNumber() ? v.asInt() : null, counts, list);
    }
}
