package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answer of {@code /health}: job and worker counters, every key kept, missing ones read as 0. */
public record HealthResponse(Map<String, Long> jobs, Map<String, Long> workers) {

    public HealthResponse {
        jobs = Map.copyOf(jobs);
        workers = Map.copyOf(workers);
    }

    static HealthResponse parse(JsonNode body) {
        return new HealthResponse(counters(body.get("jobs")), counters(body.get("workers")));
    }

    private static Map<String, Long> counters(JsonNode n) {
        Map<String, Long> map = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    map.put(e.getKey(), e.getValue().asLong());
                }
            });
        }
        return map;
    }

    public long job(String key) {
        return jobs.getOrDefault(key, 0L);
    }

    public long worker(String key) {
        return workers.getOrDefault(key, 0L);
    }

    public long inQueue() {
        return job("inQueue");
    }

    public long inProgress() {
        return job("inProgress");
    }

    public long idleWorkers() {
        return worker("idle");
    }

    public long runningWorkers() {
        return worker("running");
    }

    /** True when jobs wait and no worker is idle or running: the next job waits for a cold start. */
    public boolean coldStart() {
        return worker("idle") == 0 && worker("running") == 0 && worker("ready") == 0;
    }
}
