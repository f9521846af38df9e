package dev.easel.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A new queue-based GPU endpoint, as {@code POST /v2/serverless} takes it. Every field Runpod has a disputed default
 * for (idle timeout, execution timeout, FlashBoot, GPU count) is sent explicitly.
 *
 * @param allowedCuda the CUDA versions the image works with ({@code 12.7, 12.6}), an exact set; empty: any
 * @param timeoutMs   the execution timeout per job
 */
public record EndpointDraft(String name, String image, List<String> gpuPools, int gpuCount, List<String> allowedCuda,
                            int workersMin, int workersMax, int idleTimeout, double queueDelay, String flashboot,
                            long timeoutMs, int disk, Map<String, String> env, List<String> networkVolumes) {

    public EndpointDraft {
        Objects.requireNonNull(name);
        Objects.requireNonNull(image);
        gpuPools = List.copyOf(gpuPools);
        allowedCuda = List.copyOf(allowedCuda);
        env = Map.copyOf(env);
        networkVolumes = List.copyOf(networkVolumes);
    }

    /** The request body. */
    ObjectNode toJson() {
        var f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode();
        n.put("name", name);
        n.put("type", "QUEUE");
        n.put("image", image);
        ObjectNode gpu = n.putObject("gpu");
        gpuPools.forEach(gpu.putArray("pools")::add);
        gpu.put("count", gpuCount);
        if (!allowedCuda.isEmpty()) {
            allowedCuda.forEach(gpu.putArray("allowedCudaVersions")::add);
        }
        ObjectNode workers = n.putObject("workers");
        workers.put("min", workersMin);
        workers.put("max", workersMax);
        workers.put("idleTimeout", idleTimeout);
        ObjectNode scaling = n.putObject("scaling");
        scaling.put("type", "QUEUE_DELAY");
        scaling.put("queueDelay", queueDelay);
        n.put("timeout", timeoutMs);
        n.put("flashboot", flashboot);
        n.put("disk", disk);
        if (!env.isEmpty()) {
            ObjectNode e = n.putObject("env");
            env.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(kv -> e.put(kv.getKey(), kv.getValue()));
        }
        if (!networkVolumes.isEmpty()) {
            networkVolumes.forEach(n.putArray("networkVolumes")::add);
        }
        return n;
    }
}
