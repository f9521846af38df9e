package dev.easel.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The demo's account, as Runpod's REST API v2 shows one: its serverless endpoints (the demo's own, "demo", and any
 * made through the API; the queue API answers for all of them with the same simulated workers), their workers, the
 * GPU catalog, and a bill made from the simulated worker-seconds. Runpod's idle scale-down and GPU throttling can
 * be switched on to test what Easel does about them.
 */
public final class DemoAccount {

    /** The demo's own endpoint. */
    public static final String DEMO_ID = "demo";
    static final String DEMO_IMAGE = "runpod/worker-comfyui:5.8.5-flux1-dev-fp8";
    private static final String DATA_CENTER = "DEMO-LOCAL-1";

    /** A serverless pool of the catalog: its GPU and list price per GPU-hour (Runpod's flex rates of 2026). */
    record Pool(String id, String gpuId, String gpuName, int memoryGb, double perHour) { }

    static final List<Pool> POOLS = List.of(
            new Pool("AMPERE_16", "NVIDIA RTX A4000", "RTX A4000", 16, 0.576),
            new Pool("AMPERE_24", "NVIDIA RTX A5000", "RTX A5000", 24, 0.684),
            new Pool("ADA_24", "NVIDIA GeForce RTX 4090", "RTX 4090", 24, 1.116),
            new Pool("AMPERE_48", "NVIDIA A40", "A40", 48, 1.224),
            new Pool("ADA_48_PRO", "NVIDIA L40S", "L40S", 48, 1.908),
            new Pool("AMPERE_80", "NVIDIA A100 80GB PCIe", "A100 80GB", 80, 2.736),
            new Pool("ADA_80_PRO", "NVIDIA H100 80GB HBM3", "H100 80GB", 80, 4.176),
            new Pool("HOPPER_141", "NVIDIA H200", "H200", 141, 5.58));

    private final ObjectMapper json = new ObjectMapper();
    private final DemoEngine engine;
    private final Map<String, ObjectNode> endpoints = new LinkedHashMap<>();
    /** Billed worker-milliseconds per endpoint per hour (epoch hour). */
    private final Map<String, Map<Long, Long>> billedMs = new ConcurrentHashMap<>();
    private volatile boolean throttled;
    private volatile Supplier<String> origin = () -> "http://127.0.0.1";

    DemoAccount(DemoEngine engine) {
        this.engine = engine;
        ObjectNode demo = DemoRules.endpoint(json, DEMO_ID, "Easel demo (FLUX.1-dev fp8, procedural)", DEMO_IMAGE,
                "ADA_24", engine.config.workers());
        endpoints.put(DEMO_ID, demo);
    }

    void setOrigin(Supplier<String> origin) {
        this.origin = origin;
    }

    String origin() {
        return origin.get();
    }

    // ---- what the workers ask ------------------------------------------------------------------------

    /** The most workers an endpoint may have busy; any number for an id the account does not have. */
    int maxWorkers(String endpointId) {
        synchronized (endpoints) {
            ObjectNode e = endpoints.get(endpointId);
            return e == null ? Integer.MAX_VALUE : e.path("workers").path("max").asInt(0);
        }
    }

    /** The workers an endpoint keeps up whether jobs come or not; 0 for an id the account does not have. */
    int minWorkers(String endpointId) {
        synchronized (endpoints) {
            ObjectNode e = endpoints.get(endpointId);
            return e == null ? 0 : e.path("workers").path("min").asInt(0);
        }
    }

    /** How long an idle worker waits for a job before it stops, in seconds (Runpod's default 5 for an unknown id). */
    int idleTimeout(String endpointId) {
        synchronized (endpoints) {
            ObjectNode e = endpoints.get(endpointId);
            return e == null ? 5 : Math.max(1, e.path("workers").path("idleTimeout").asInt(5));
        }
    }

    String image(String endpointId) {
        synchronized (endpoints) {
            ObjectNode e = endpoints.get(endpointId);
            return e == null ? DEMO_IMAGE : e.path("image").asText(DEMO_IMAGE);
        }
    }

    boolean throttled() {
        return throttled;
    }

    /** Records worker time billed to an endpoint, in the hour it ended. */
    void bill(String endpointId, long ms) {
        long hour = Instant.now().getEpochSecond() / 3600;
        billedMs.computeIfAbsent(endpointId, k -> new ConcurrentHashMap<>()).merge(hour, ms, Long::sum);
    }

    // ---- switches for tests and serve-demo ---------------------------------------------------------

    /** Runpod's GPU shortage: no worker starts, and the workers of endpoints with jobs waiting show THROTTLED. */
    public void setThrottled(boolean on) {
        throttled = on;
    }

    /**
     * Runpod's idle scale-down (3 days without a request: max workers 2; 7 days: 0): sets the endpoint's max
     * workers as Runpod would, without a word to the client.
     */
    public void scaleDown(String endpointId, int maxWorkers) {
        synchronized (endpoints) {
            ObjectNode e = endpoints.get(endpointId);
            if (e != null) {
                ((ObjectNode) e.path("workers")).put("max", maxWorkers);
            }
        }
    }

    /** The endpoint's JSON as the API answers it, or null. */
    public JsonNode endpoint(String id) {
        synchronized (endpoints) {
            ObjectNode e = endpoints.get(id);
            return e == null ? null : withUrls(e.deepCopy());
        }
    }

    // ---- the REST API ------------------------------------------------------------------------------

    ObjectNode list() {
        ObjectNode n = json.createObjectNode();
        ArrayNode a = n.putArray("endpoints");
        synchronized (endpoints) {
            endpoints.values().forEach(e -> a.add(withUrls(e.deepCopy())));
        }
        return n;
    }

    /** Creates an endpoint from a request body already found valid. */
    ObjectNode create(JsonNode body) {
        String id = DemoWorker.randomWorkerId(); // Runpod's ids look alike: 14 lowercase letters and digits
        ObjectNode e = DemoRules.endpoint(json, id, body.path("name").asText(), body.path("image").asText(),
                body.path("gpu").path("pools").path(0).asText("ADA_24"), 3);
        DemoRules.apply(e, body);
        synchronized (endpoints) {
            endpoints.put(id, e);
        }
        return withUrls(e.deepCopy());
    }

    /** Applies a valid change; null when there is no such endpoint. */
    ObjectNode update(String id, JsonNode body) {
        synchronized (endpoints) {
            ObjectNode e = endpoints.get(id);
            if (e == null) {
                return null;
            }
            DemoRules.apply(e, body);
            return withUrls(e.deepCopy());
        }
    }

    boolean delete(String id) {
        synchronized (endpoints) {
            if (endpoints.remove(id) == null) {
                return false;
            }
        }
        engine.cancelJobsOf(id); // its queued and running jobs are cancelled, as Runpod says
        return true;
    }

    boolean exists(String id) {
        synchronized (endpoints) {
            return endpoints.containsKey(id);
        }
    }

    /** The endpoint's active workers: the simulated workers it last used that are not cold. */
    ObjectNode workers(String id) {
        Pool pool = poolOf(id);
        ObjectNode n = json.createObjectNode();
        n.put("endpointVersion", 1);
        ObjectNode summary = n.putObject("summary");
        ArrayNode list = n.putArray("workers");
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : List.of("running", "idle", "initializing", "throttled", "unhealthy")) {
            counts.put(s, 0);
        }
        for (int i = 0; i < engine.fleet.count(); i++) {
            String served = engine.fleet.serving(i);
            boolean ours = id.equals(served) || served == null && id.equals(DEMO_ID);
            DemoEngine.WorkerState st = engine.fleet.state(i);
            if (!ours || st == DemoEngine.WorkerState.COLD) {
                continue;
            }
            String status = switch (st) {
                case RUNNING -> "RUNNING";
                case INITIALIZING -> "INITIALIZING";
                default -> "IDLE";
            };
            ObjectNode w = list.addObject();
            w.put("id", engine.fleet.id(i));
            w.put("status", status);
            w.put("isStale", false);
            w.put("version", 1);
            w.put("gpuCount", 1);
            w.put("image", image(id));
            Instant started = engine.fleet.log(i).startedAt();
            boolean placed = st != DemoEngine.WorkerState.INITIALIZING && started != null;
            if (placed) {
                w.put("uptimeSeconds", Math.max(0, Instant.now().getEpochSecond() - started.getEpochSecond()));
                w.put("gpuTypeId", pool.gpuId());
                w.put("dataCenterId", DATA_CENTER);
                w.put("startedAt", started.toString());
            } else {
                w.putNull("uptimeSeconds");
                w.putNull("gpuTypeId");
                w.putNull("dataCenterId");
                w.putNull("startedAt");
            }
            counts.merge(status.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        if (throttled && engine.queuedFor(id) > 0) {
            ObjectNode w = list.addObject();
            w.put("id", "throttled-" + id);
            w.put("status", "THROTTLED");
            w.put("isStale", false);
            w.put("gpuCount", 1);
            w.putNull("uptimeSeconds");
            w.putNull("gpuTypeId");
            counts.merge("throttled", 1, Integer::sum);
        }
        counts.forEach(summary::put);
        summary.put("total", list.size());
        return n;
    }

    /** The GPU catalog; every pool is available unless throttled. */
    ObjectNode gpus() {
        ObjectNode n = json.createObjectNode();
        ArrayNode a = n.putArray("gpus");
        for (Pool p : POOLS) {
            ObjectNode g = a.addObject();
            g.put("id", p.gpuId());
            g.put("name", p.gpuName());
            g.put("pool", p.id());
            g.put("manufacturer", "NVIDIA");
            g.put("memory", p.memoryGb());
            g.put("secure", true);
            g.put("community", false);
            ObjectNode price = g.putObject("price");
            price.put("secure", Math.round(p.perHour() / 2.5 * 100) / 100.0);
            price.put("community", 0);
            price.put("serverless", p.perHour());
            ObjectNode max = g.putObject("maxCount");
            max.put("secure", 8);
            max.put("community", 0);
            g.put("availability", throttled ? "NONE" : "HIGH");
        }
        return n;
    }

    ObjectNode networkVolumes() {
        ObjectNode n = json.createObjectNode();
        ObjectNode v = n.putArray("networkVolumes").addObject();
        v.put("id", "demovol001");
        v.put("name", "demo-models");
        v.put("size", 50);
        v.put("dataCenter", DATA_CENTER);
        v.put("type", "STANDARD");
        return n;
    }

    /** The bill, from the billed worker-seconds of each endpoint. */
    ObjectNode billing(DemoBilling.Window window, String onlyId) {
        Map<String, Map<Long, Long>> copy = new LinkedHashMap<>();
        billedMs.forEach((id, hours) -> {
            if (onlyId == null || onlyId.equals(id)) {
                copy.put(id, Map.copyOf(hours));
            }
        });
        return DemoBilling.answer(json, window, copy, this::perSecond, onlyId);
    }

    /** The price per second of one worker of the endpoint. */
    private double perSecond(String endpointId) {
        int count;
        synchronized (endpoints) {
            ObjectNode e = endpoints.get(endpointId);
            count = e == null ? 1 : Math.max(1, e.path("gpu").path("count").asInt(1));
        }
        return poolOf(endpointId).perHour() * count / 3600;
    }

    private Pool poolOf(String endpointId) {
        String poolId;
        synchronized (endpoints) {
            ObjectNode e = endpoints.get(endpointId);
            poolId = e == null ? "ADA_24" : e.path("gpu").path("pools").path(0).asText("ADA_24");
        }
        return POOLS.stream().filter(p -> p.id().equals(poolId)).findFirst().orElse(POOLS.get(2));
    }

    static Pool pool(String id) {
        return POOLS.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    private ObjectNode withUrls(ObjectNode e) {
        String base = origin() + "/v2/" + e.path("id").asText();
        ObjectNode u = json.createObjectNode();
        u.put("run", base + "/run");
        u.put("runSync", base + "/runsync");
        u.put("status", base + "/status/{job_id}");
        u.put("stream", base + "/stream/{job_id}");
        u.put("cancel", base + "/cancel/{job_id}");
        u.put("retry", base + "/retry/{job_id}");
        u.put("purgeQueue", base + "/purge-queue");
        u.put("health", base + "/health");
        e.set("requestUrls", u);
        return e;
    }

    /** For tests: the ids of the account's endpoints. */
    public List<String> endpointIds() {
        synchronized (endpoints) {
            return new ArrayList<>(endpoints.keySet());
        }
    }
}
