package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A serverless endpoint as the account's management API describes it (REST v2 {@code Endpoint}), read tolerantly:
 * missing fields get neutral values, the beta shapes of July 2026 (flat {@code scaling.value}/{@code idleTimeout})
 * and REST v1's names ({@code workersMin}, {@code gpuIds}, {@code imageName}) are understood too.
 *
 * @param idleTimeout seconds, or -1 when the endpoint has none (a REQUEST_COUNT scaler)
 * @param timeoutMs   the execution timeout per job, or 0 when not given
 */
public record AccountEndpoint(String id, String name, String type, String image, List<String> gpuPools, int gpuCount,
                              int workersMin, int workersMax, int idleTimeout, String scalingType, double scalingValue,
                              String flashboot, List<String> networkVolumes, List<String> dataCenterIds, long timeoutMs,
                              int disk, Map<String, String> env, Instant createdAt) {

    public AccountEndpoint {
        gpuPools = List.copyOf(gpuPools);
        networkVolumes = List.copyOf(networkVolumes);
        dataCenterIds = List.copyOf(dataCenterIds);
        env = Map.copyOf(env);
    }

    /** Whether the endpoint runs on GPUs (a CPU endpoint has no pools). */
    public boolean gpu() {
        return !gpuPools.isEmpty();
    }

    /** The image's tag ({@code 5.8.5-flux1-dev-fp8}), or "" without one. */
    public String imageTag() {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "";
    }

    /** Reads one endpoint; null when {@code n} has no id. */
    static AccountEndpoint from(JsonNode n) {
        String id = text(n, "id");
        if (id.isEmpty()) {
            return null;
        }
        JsonNode workers = n.path("workers");
        JsonNode scaling = n.path("scaling");
        JsonNode gpu = n.path("gpu");
        List<String> pools = strings(gpu.path("pools"));
        if (pools.isEmpty() && n.path("gpuIds").isTextual()) { // v1 / GraphQL: "ADA_24,-NVIDIA GeForce RTX 4090"
            for (String p : n.path("gpuIds").asText().split(",")) {
                if (!p.isBlank() && !p.strip().startsWith("-")) {
                    pools.add(p.strip());
                }
            }
        }
        int idle = workers.has("idleTimeout") ? workers.path("idleTimeout").asInt(-1)
                : scaling.has("idleTimeout") ? scaling.path("idleTimeout").asInt(-1)
                : n.has("idleTimeout") ? n.path("idleTimeout").asInt(-1) : -1;
        String scaler = scaling.isObject() ? text(scaling, "type") : text(n, "scalerType");
        double value = scaling.has("queueDelay") ? scaling.path("queueDelay").asDouble()
                : scaling.has("requestCount") ? scaling.path("requestCount").asDouble()
                : scaling.has("value") ? scaling.path("value").asDouble() : n.path("scalerValue").asDouble(0);
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = n.path("env");
        if (e.isObject()) {
            e.properties().forEach(f -> env.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : ""));
        } else if (e.isArray()) { // v1: [{key, value}]
            e.forEach(kv -> env.put(text(kv, "key"), text(kv, "value")));
        }
        env.remove("");
        String flashboot = n.path("flashboot").isBoolean() ? (n.path("flashboot").asBoolean() ? "FLASHBOOT" : "OFF")
                : text(n, "flashboot");
        return new AccountEndpoint(id, text(n, "name"), text(n, "type").isEmpty() ? "QUEUE" : text(n, "type"),
                text(n, "image").isEmpty() ? text(n.path("template"), "imageName") : text(n, "image"),
                pools, gpu.path("count").asInt(n.path("gpuCount").asInt(pools.isEmpty() ? 0 : 1)),
                workers.isObject() ? workers.path("min").asInt(0) : n.path("workersMin").asInt(0),
                workers.isObject() ? workers.path("max").asInt(0) : n.path("workersMax").asInt(0),
                idle, scaler, value, flashboot.isEmpty() ? "OFF" : flashboot, strings(n.path("networkVolumes")),
                strings(n.path("dataCenterIds")), n.path("timeout").asLong(n.path("executionTimeoutMs").asLong(0)),
                n.path("disk").asInt(n.path("containerDiskInGb").asInt(0)), env, instant(text(n, "createdAt")));
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> {
                if (v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
                    out.add(v.asText());
                }
            });
        }
        return out;
    }

    static Instant instant(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
