package dev.easel.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What Runpod's REST v2 checks in an endpoint's create and update bodies (its OpenAPI 3.1 schema, v2.9.0), as the
 * demo checks them: unknown keys, missing fields and values out of range are a 422 with one sentence per fault in
 * {@code errors[]}; cross-field rules are a 400.
 */
final class DemoRules {

    private static final Set<String> TOP = Set.of("image", "args", "disk", "ports", "env", "registry", "gpu", "name",
            "scaling", "type", "cpu", "dataCenterIds", "flashboot", "networkVolumes", "templateId", "timeout", "workers");
    private static final Set<String> GPU = Set.of("pools", "excludedTypes", "count", "allowedCudaVersions",
            "minCudaVersion");
    private static final Set<String> WORKERS = Set.of("min", "max", "idleTimeout");
    private static final String CUDA = "\\d+\\.\\d+";

    /** A refusal: its status, its detail, and for a 422 the faults found. */
    record Refusal(int status, String detail, List<String> errors) { }

    private DemoRules() {
    }

    /** The faults of a create body, or null when it is valid. */
    static Refusal create(JsonNode body) {
        if (body == null || !body.isObject()) {
            return new Refusal(400, "request could not be processed", List.of());
        }
        List<String> errors = new ArrayList<>();
        unknown("$", body, TOP, errors);
        for (String f : List.of("name", "type", "scaling")) {
            if (!body.has(f)) {
                errors.add("$: missing property '" + f + "'");
            }
        }
        if (!body.has("image") && !body.has("templateId")) {
            errors.add("$: missing property 'image'");
        }
        common(body, errors);
        String type = body.path("type").asText("");
        if (body.has("type") && !type.equals("QUEUE") && !type.equals("LOAD_BALANCER")) {
            errors.add("$.type: value must be one of 'QUEUE', 'LOAD_BALANCER'");
        }
        if (type.equals("LOAD_BALANCER") && body.path("scaling").path("type").asText().equals("QUEUE_DELAY")) {
            errors.add("$.scaling.type: a LOAD_BALANCER endpoint scales on REQUEST_COUNT");
        }
        if (body.has("gpu") && !body.path("gpu").path("pools").isArray()) {
            errors.add("$.gpu: missing property 'pools'");
        }
        if (!errors.isEmpty()) {
            return new Refusal(422, "Request validation failed.", errors);
        }
        if (body.has("gpu") == body.has("cpu")) {
            return new Refusal(400, "exactly one of gpu or cpu is required", List.of());
        }
        if (body.has("cpu")) {
            return new Refusal(400, "the demo endpoint simulates GPU workers only", List.of());
        }
        if (body.has("templateId")) {
            return new Refusal(404, "template not found", List.of());
        }
        return crossField(body);
    }

    /** The faults of an update body, or null when it is valid. */
    static Refusal update(JsonNode body) {
        if (body == null || !body.isObject()) {
            return new Refusal(400, "request could not be processed", List.of());
        }
        List<String> errors = new ArrayList<>();
        unknown("$", body, TOP, errors);
        if (body.has("type")) {
            errors.add("$: additional properties 'type' not allowed");
        }
        if (body.path("gpu").has("excludedTypes") && !body.path("gpu").has("pools")) {
            errors.add("$.gpu: property 'excludedTypes' requires 'pools'");
        }
        common(body, errors);
        if (!errors.isEmpty()) {
            return new Refusal(422, "Request validation failed.", errors);
        }
        if (body.has("cpu")) {
            return new Refusal(400, "compute family is immutable", List.of());
        }
        return crossField(body);
    }

    private static void common(JsonNode body, List<String> errors) {
        if (body.has("name") && body.path("name").asText("").isEmpty()) {
            errors.add("$.name: length must be >= 1");
        }
        JsonNode gpu = body.path("gpu");
        if (gpu.isObject()) {
            unknown("$.gpu", gpu, GPU, errors);
            if (gpu.has("pools") && (!gpu.path("pools").isArray() || gpu.path("pools").isEmpty())) {
                errors.add("$.gpu.pools: minItems 1");
            }
            if (gpu.has("count") && gpu.path("count").asInt(0) < 1) {
                errors.add("$.gpu.count: must be >= 1");
            }
            for (JsonNode v : gpu.path("allowedCudaVersions")) {
                if (!v.asText().matches(CUDA)) {
                    errors.add("$.gpu.allowedCudaVersions: '" + v.asText() + "' does not match pattern '^\\d+\\.\\d+$'");
                }
            }
            String min = gpu.path("minCudaVersion").asText("");
            if (gpu.hasNonNull("minCudaVersion") && !min.isEmpty() && !min.matches(CUDA)) {
                errors.add("$.gpu.minCudaVersion: '" + min + "' does not match pattern '^\\d+\\.\\d+$'");
            }
        }
        JsonNode workers = body.path("workers");
        if (workers.isObject()) {
            unknown("$.workers", workers, WORKERS, errors);
            for (String f : List.of("min", "max")) {
                if (workers.has(f) && (!workers.get(f).canConvertToInt() || workers.get(f).asInt() < 0)) {
                    errors.add("$.workers." + f + ": must be an integer >= 0");
                }
            }
            if (workers.has("idleTimeout")) {
                int idle = workers.path("idleTimeout").asInt(0);
                if (idle < 1 || idle > 3600) {
                    errors.add("$.workers.idleTimeout: must be between 1 and 3600");
                }
            }
        }
        JsonNode scaling = body.path("scaling");
        if (body.has("scaling")) {
            String t = scaling.path("type").asText("");
            switch (t) {
                case "QUEUE_DELAY" -> {
                    unknown("$.scaling", scaling, Set.of("type", "queueDelay"), errors);
                    if (scaling.path("queueDelay").asDouble(0) < 0.5) {
                        errors.add("$.scaling.queueDelay: must be >= 0.5");
                    }
                }
                case "REQUEST_COUNT" -> {
                    unknown("$.scaling", scaling, Set.of("type", "requestCount"), errors);
                    if (scaling.path("requestCount").asInt(0) < 1) {
                        errors.add("$.scaling.requestCount: must be >= 1");
                    }
                }
                default -> errors.add("$.scaling.type: value must be one of 'QUEUE_DELAY', 'REQUEST_COUNT'");
            }
        }
        if (body.has("disk") && body.path("disk").asInt(0) < 1) {
            errors.add("$.disk: must be >= 1");
        }
        String flash = body.path("flashboot").asText("OFF");
        if (body.has("flashboot") && !Set.of("OFF", "FLASHBOOT", "PRIORITY_FLASHBOOT").contains(flash)) {
            errors.add("$.flashboot: value must be one of 'OFF', 'FLASHBOOT', 'PRIORITY_FLASHBOOT'");
        }
        JsonNode env = body.path("env");
        if (env.isObject()) {
            env.properties().forEach(kv -> {
                if (!kv.getValue().isTextual()) {
                    errors.add("$.env." + kv.getKey() + ": must be a string");
                }
            });
        }
    }

    private static Refusal crossField(JsonNode body) {
        JsonNode gpu = body.path("gpu");
        for (JsonNode p : gpu.path("pools")) {
            if (DemoAccount.pool(p.asText()) == null) {
                return new Refusal(400, "unknown GPU pool '" + p.asText() + "'", List.of());
            }
        }
        if (!gpu.path("allowedCudaVersions").isEmpty() && !gpu.path("minCudaVersion").asText("").isEmpty()) {
            return new Refusal(400, "allowedCudaVersions and minCudaVersion cannot both be set", List.of());
        }
        if (body.has("image")) {
            String image = body.path("image").asText("");
            int slash = image.lastIndexOf('/');
            int colon = image.lastIndexOf(':');
            String tag = colon > slash ? image.substring(colon + 1) : "";
            if (image.isBlank() || tag.isEmpty() || tag.equals("latest")) {
                return new Refusal(400, "image '" + image + "' does not resolve to a published image; give a pinned "
                        + "tag such as runpod/worker-comfyui:5.8.5-flux1-dev-fp8", List.of());
            }
        }
        String type = body.path("type").asText("QUEUE");
        if (type.equals("QUEUE") && body.path("scaling").path("type").asText("").equals("REQUEST_COUNT")
                && body.path("workers").has("idleTimeout")) {
            return new Refusal(400, "idleTimeout is not allowed with REQUEST_COUNT scaling", List.of());
        }
        return null;
    }

    private static void unknown(String where, JsonNode n, Set<String> allowed, List<String> errors) {
        n.properties().forEach(kv -> {
            if (!allowed.contains(kv.getKey())) {
                errors.add(where + ": additional properties '" + kv.getKey() + "' not allowed");
            }
        });
    }

    /** A new endpoint with Runpod's v2 defaults. */
    static ObjectNode endpoint(ObjectMapper json, String id, String name, String image, String pool, int max) {
        ObjectNode e = json.createObjectNode();
        e.put("id", id);
        e.put("name", name);
        e.put("type", "QUEUE");
        e.put("image", image);
        e.put("args", "");
        e.put("disk", 20);
        e.putArray("ports");
        e.putObject("env");
        e.putNull("registry");
        ObjectNode gpu = e.putObject("gpu");
        gpu.putArray("pools").add(pool);
        gpu.put("count", 1);
        gpu.putArray("allowedCudaVersions");
        gpu.putNull("minCudaVersion");
        ObjectNode workers = e.putObject("workers");
        workers.put("min", 0);
        workers.put("max", max);
        workers.put("idleTimeout", 10);
        ObjectNode scaling = e.putObject("scaling");
        scaling.put("type", "QUEUE_DELAY");
        scaling.put("queueDelay", 4);
        e.putArray("dataCenterIds");
        e.putArray("networkVolumes");
        e.put("timeout", 300_000);
        e.put("flashboot", "OFF");
        e.put("createdAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return e;
    }

    /** Applies the fields of a valid body: only those present change; {@code gpu.pools} replaces the pools. */
    static void apply(ObjectNode e, JsonNode body) {
        for (String f : List.of("name", "image", "args", "disk", "timeout", "flashboot", "registry")) {
            if (body.has(f)) {
                e.set(f, body.get(f));
            }
        }
        for (String f : List.of("ports", "env", "dataCenterIds", "networkVolumes", "scaling")) {
            if (body.has(f)) {
                e.set(f, body.get(f).deepCopy());
            }
        }
        if (body.has("type")) {
            e.set("type", body.get("type"));
        }
        ObjectNode workers = (ObjectNode) e.path("workers");
        body.path("workers").properties().forEach(kv -> workers.set(kv.getKey(), kv.getValue()));
        if (e.path("scaling").path("type").asText().equals("REQUEST_COUNT")) {
            workers.remove("idleTimeout");
        }
        ObjectNode gpu = (ObjectNode) e.path("gpu");
        JsonNode g = body.path("gpu");
        if (g.has("pools")) {
            gpu.set("pools", g.get("pools").deepCopy());
            gpu.remove("excludedTypes");
        }
        for (String f : List.of("excludedTypes", "count", "allowedCudaVersions")) {
            if (g.has(f)) {
                gpu.set(f, g.get(f).deepCopy());
            }
        }
        if (g.has("minCudaVersion")) {
            String v = g.path("minCudaVersion").asText("");
            if (v.isEmpty()) {
                gpu.putNull("minCudaVersion");
            } else {
                gpu.put("minCudaVersion", v);
            }
        }
    }
}
