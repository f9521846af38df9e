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
        return toBuilder().port(p).build();
    }

    public DemoConfig withWorkers(int n) {
        return toBuilder().workers(n).build();
    }

    public DemoConfig withExpectedApiKey(String key) {
        return toBuilder().expectedApiKey(key).build();
    }

    public DemoConfig withEndpointIds(Set<String> ids) {
        return toBuilder().endpointIds(ids).build();
    }

    public DemoConfig withTimeScale(double scale) {
        return toBuilder().timeScale(scale).build();
    }

    public DemoConfig withColdStart(Duration d) {
        return toBuilder().coldStart(d).build();
    }

    public DemoConfig withRetention(Duration run, Duration sync) {
        return toBuilder().retention(run).syncRetention(sync).build();
    }

    public DemoConfig withOutputMode(OutputMode mode) {
        return toBuilder().outputMode(mode).build();
    }

    public DemoConfig withSendProgress(boolean send) {
        return toBuilder().sendProgress(send).build();
    }

    public DemoConfig withFaults(Faults f) {
        return toBuilder().faults(f).build();
    }

    public DemoConfig withModels(DemoModels m) {
        return toBuilder().models(m).build();
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.port = port;
        b.workers = workers;
        b.expectedApiKey = expectedApiKey;
        b.endpointIds = endpointIds;
        b.timeScale = timeScale;
        b.coldStart = coldStart;
        b.retention = retention;
        b.syncRetention = syncRetention;
        b.outputMode = outputMode;
        b.sendProgress = sendProgress;
        b.faults = faults;
        b.faultSeed = faultSeed;
        b.models = models;
        return b;
    }

    /** Changes a few settings of a copy. */
    private static final class Builder {
        private int port;
        private int workers;
        private String expectedApiKey;
        private Set<String> endpointIds;
        private double timeScale;
        private Duration coldStart;
        private Duration retention;
        private Duration syncRetention;
        private OutputMode outputMode;
        private boolean sendProgress;
        private Faults faults;
        private long faultSeed;
        private DemoModels models;

        Builder port(int v) {
            port = v;
            return this;
        }

        Builder workers(int v) {
            workers = v;
            return this;
        }

        Builder expectedApiKey(String v) {
            expectedApiKey = v;
            return this;
        }

        Builder endpointIds(Set<String> v) {
            endpointIds = v;
            return this;
        }

        Builder timeScale(double v) {
            timeScale = v;
            return this;
        }

        Builder coldStart(Duration v) {
            coldStart = v;
            return this;
        }

        Builder retention(Duration v) {
            retention = v;
            return this;
        }

        Builder syncRetention(Duration v) {
            syncRetention = v;
            return this;
        }

        Builder outputMode(OutputMode v) {
            outputMode = v;
            return this;
        }

        Builder sendProgress(boolean v) {
            sendProgress = v;
            return this;
        }

        Builder faults(Faults v) {
            faults = v;
            return this;
        }

        Builder models(DemoModels v) {
            models = v;
            return this;
        }

        DemoConfig build() {
            return new DemoConfig(port, workers, expectedApiKey, endpointIds, timeScale, coldStart, retention,
                    syncRetention, outputMode, sendProgress, faults, faultSeed, models);
        }
    }
}
