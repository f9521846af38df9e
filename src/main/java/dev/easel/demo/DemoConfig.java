package dev.easel.demo;

import java.time.Duration;
import java.util.Set;

/**
 * Settings of the demo endpoint.
 *
 * @param port            TCP port on 127.0.0.1; 0 picks a free one
 * @param workers         simulated GPU workers
 * @param expectedApiKey  when set, only this key is accepted; otherwise any non-empty key
 * @param endpointIds     accepted endpoint ids; empty accepts any
 * @param timeScale       1.0 feels like a real GPU (a 1024² 20-step FLUX image ≈ 9 s); tests use ~0.01
 * @param coldStart       a worker's boot time before its first job (scaled by timeScale)
 * @param retention       how long results are kept after a /run job ends (Runpod: 30 min)
 * @param syncRetention   the same for /runsync jobs (Runpod: 1 min)
 * @param outputMode      how images are delivered
 * @param sendProgress    send progress payloads while running (worker-comfyui does not; some forks do)
 * @param faults          fault injection
 * @param faultSeed       seed of the fault dice, for repeatable runs
 * @param models          the model files the demo has
 */
public record DemoConfig(int port, int workers, String expectedApiKey, Set<String> endpointIds, double timeScale,
                         Duration coldStart, Duration retention, Duration syncRetention, OutputMode outputMode,
                         boolean sendProgress, Faults faults, long faultSeed, DemoModels models) {

    public DemoConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (timeScale < 0) {
            throw new IllegalArgumentException("timeScale must not be negative");
        }
        endpointIds = Set.copyOf(endpointIds);
    }

    /** Realistic timings on a free port, 2 workers, any key, any endpoint id. */
    public static DemoConfig defaults() {
        return new DemoConfig(0, 2, null, Set.of(), 1.0, Duration.ofSeconds(3), Duration.ofMinutes(30),
                Duration.ofMinutes(1), OutputMode.BASE64, false, Faults.NONE, 42, DemoModels.DEFAULT);
    }

    /** Fast timings for tests: ~100× quicker, no cold start. */
    public static DemoConfig fast() {
        return defaults().withTimeScale(0.01).withColdStart(Duration.ZERO);
    }

    public DemoConfig withPort(int p) {
        return new DemoConfig(p, workers, expectedApiKey, endpointIds, timeScale, coldStart, retention, syncRetention,
                outputMode, sendProgress, faults, faultSeed, models);
    }

    public DemoConfig withWorkers(int n) {
        return new DemoConfig(port, n, expectedApiKey, endpointIds, timeScale, coldStart, retention, syncRetention,
                outputMode, sendProgress, faults, faultSeed, models);
    }

    public DemoConfig withExpectedApiKey(String key) {
        return new DemoConfig(port, workers, key, endpointIds, timeScale, coldStart, retention, syncRetention,
                outputMode, sendProgress, faults, faultSeed, models);
    }

    public DemoConfig withEndpointIds(Set<String> ids) {
        return new DemoConfig(port, workers, expectedApiKey, ids, timeScale, coldStart, retention, syncRetention,
                outputMode, sendProgress, faults, faultSeed, models);
    }

    public DemoConfig withTimeScale(double scale) {
        return new DemoConfig(port, workers, expectedApiKey, endpointIds, scale, coldStart, retention, syncRetention,
                outputMode, sendProgress, faults, faultSeed, models);
    }

    public DemoConfig withColdStart(Duration d) {
        return new DemoConfig(port, workers, expectedApiKey, endpointIds, timeScale, d, retention, syncRetention,
                outputMode, sendProgress, faults, faultSeed, models);
    }

    public DemoConfig withRetention(Duration run, Duration sync) {
        return new DemoConfig(port, workers, expectedApiKey, endpointIds, timeScale, coldStart, run, sync,
                outputMode, sendProgress, faults, faultSeed, models);
    }

    public DemoConfig withOutputMode(OutputMode mode) {
        return new DemoConfig(port, workers, expectedApiKey, endpointIds, timeScale, coldStart, retention,
                syncRetention, mode, sendProgress, faults, faultSeed, models);
    }

    public DemoConfig withSendProgress(boolean send) {
        return new DemoConfig(port, workers, expectedApiKey, endpointIds, timeScale, coldStart, retention,
                syncRetention, outputMode, send, faults, faultSeed, models);
    }

    public DemoConfig withFaults(Faults f) {
        return new DemoConfig(port, workers, expectedApiKey, endpointIds, timeScale, coldStart, retention,
                syncRetention, outputMode, sendProgress, f, faultSeed, models);
    }

    public DemoConfig withModels(DemoModels m) {
        return new DemoConfig(port, workers, expectedApiKey, endpointIds, timeScale, coldStart, retention,
                syncRetention, outputMode, sendProgress, faults, faultSeed, m);
    }
}
