package dev.easel.jobs;

import dev.easel.api.AccountEndpoint;
import dev.easel.api.EndpointWorkers;
import dev.easel.api.EndpointWorkers.State;
import dev.easel.api.HealthResponse;
import dev.easel.text.Text;
import dev.easel.workflow.WorkerImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the endpoint panel says about an endpoint: why jobs would wait (Runpod scaled it down, its workers are
 * throttled, nothing starts) and a doctor's findings (its image and tag, workers failing health, models it lacks).
 */
public final class EndpointCheck {

    /** Runpod's default max workers: what a scaled-to-zero endpoint gets back when Easel never saw it higher. */
    public static final int DEFAULT_MAX = 3;

    /** What Runpod lowers an endpoint idle for 3 days to (a lower max chosen by hand is left unsaid). */
    static final int RUNPOD_LOWERS_TO = 2;

    /** Why jobs would wait. */
    public enum Trouble {
        /** Runpod set max workers to 0: every job waits in the queue forever. */
        SCALED_TO_ZERO,
        /** Max workers is 2, below what Easel saw: what Runpod does to an endpoint idle for 3 days. */
        LOWERED,
        /** Jobs wait and the only workers are waiting for a GPU. */
        THROTTLED,
        /** Jobs wait and no worker is starting. */
        NOTHING_STARTS
    }

    /**
     * A reason jobs would wait.
     *
     * @param restoreTo the max workers to give back in one click, or 0 when raising it would not help
     */
    public record Notice(Trouble trouble, Text said, int restoreTo) {
        public boolean restorable() {
            return restoreTo > 0;
        }
    }

    /** How much a finding matters. */
    public enum Severity { OK, INFO, WARNING, PROBLEM }

    public record Finding(Severity severity, Text said) { }

    private EndpointCheck() {
    }

    /**
     * Why jobs would wait, if they would.
     *
     * @param health   the queue's /health, or null when it could not be asked
     * @param maxSeen  the highest max workers Easel saw on this endpoint before (0: never seen)
     */
    public static Optional<Notice> notice(AccountEndpoint e, EndpointWorkers w, HealthResponse health, int maxSeen) {
        long waiting = health == null ? 0 : health.inQueue();
        if (e.workersMax() == 0) {
            int to = Math.max(maxSeen, DEFAULT_MAX);
            return Optional.of(new Notice(Trouble.SCALED_TO_ZERO, Text.of("check.scaledToZero", waiting, to), to));
        }
        if (e.workersMax() == RUNPOD_LOWERS_TO && maxSeen > e.workersMax()) {
            return Optional.of(new Notice(Trouble.LOWERED, Text.of("check.lowered", maxSeen, e.workersMax()), maxSeen));
        }
        if (waiting > 0 && w.count(State.RUNNING) + w.count(State.IDLE) + w.count(State.INITIALIZING) == 0) {
            return w.count(State.THROTTLED) > 0
                    ? Optional.of(new Notice(Trouble.THROTTLED, Text.of("check.throttled", waiting,
                    w.count(State.THROTTLED), String.join(", ", e.gpuPools())), 0))
                    : Optional.of(new Notice(Trouble.NOTHING_STARTS, Text.of("check.nothingStarts", waiting), 0));
        }
        return Optional.empty();
    }

    /**
     * The doctor: the image and its tag, workers failing health or mid-rollout, the models the endpoint said it
     * lacks, the idle timeout's cost.
     *
     * @param endpointModels the checkpoints the endpoint reported having (a failed job lists them), or empty
     * @param neededModels   the model files the template in use loads
     */
    public static List<Finding> doctor(AccountEndpoint e, EndpointWorkers w, List<String> endpointModels,
                                       List<String> neededModels, double pricePerSecond) {
        List<Finding> out = new ArrayList<>();
        Optional<WorkerImage> image = WorkerImage.recognise(e.image());
        String tag = e.imageTag();
        if (image.isPresent()) {
            String version = WorkerImage.version(e.image());
            out.add(version.equals(WorkerImage.VERSION)
                    ? new Finding(Severity.OK, Text.of("check.image.pinned", image.get().name(), version))
                    : new Finding(Severity.WARNING, Text.of("check.image.otherVersion", image.get().name(), version,
                    WorkerImage.VERSION)));
        } else if (e.image().isEmpty()) {
            out.add(new Finding(Severity.WARNING, Text.of("check.image.none")));
        } else {
            out.add(new Finding(Severity.INFO, Text.of("check.image.notComfy", e.image())));
        }
        if (tag.isEmpty() || tag.toLowerCase(Locale.ROOT).equals("latest")) {
            out.add(new Finding(Severity.WARNING, Text.of("check.image.unpinned", WorkerImage.VARIANTS.getFirst().image())));
        }
        int unhealthy = w.count(State.UNHEALTHY);
        if (unhealthy > 0) {
            out.add(new Finding(Severity.PROBLEM, Text.of("check.unhealthy", unhealthy)));
        }
        long stale = w.workers().stream().filter(EndpointWorkers.Worker::stale).count();
        if (stale > 0) {
            out.add(new Finding(Severity.INFO, Text.of("check.stale", stale)));
        }
        if (!endpointModels.isEmpty()) {
            List<String> missing = neededModels.stream().filter(m -> !endpointModels.contains(m)).toList();
            out.add(missing.isEmpty()
                    ? new Finding(Severity.OK, Text.of("check.models.ok", endpointModels.size()))
                    : new Finding(Severity.PROBLEM, Text.of("check.models.missing", String.join(", ", missing),
                    String.join(", ", endpointModels))));
        }
        if (e.idleTimeout() > 0 && pricePerSecond > 0) {
            out.add(new Finding(Severity.INFO, Text.of("check.idle", e.idleTimeout(),
                    String.format(Locale.ROOT, "%.4f", e.idleTimeout() * pricePerSecond))));
        }
        if (!"FLASHBOOT".equalsIgnoreCase(e.flashboot())) {
            out.add(new Finding(Severity.INFO, Text.of("check.noFlashboot")));
        }
        return out;
    }
}
