package dev.easel.jobs;

import dev.easel.api.HealthResponse;
import dev.easel.api.RunpodException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Tells a cold start from a busy endpoint: while a job has been queued a while, a /health read every
 * {@link #HEALTH_EVERY} marks the queued jobs as waiting for a worker to start when none is ready to take them.
 */
final class ColdStartWatch {

    private static final Logger log = LoggerFactory.getLogger(ColdStartWatch.class);
    /** A job queued this long gets a /health check, to tell a cold start from a busy endpoint. */
    private static final Duration QUEUED_A_WHILE = Duration.ofSeconds(5);
    private static final Duration HEALTH_EVERY = Duration.ofSeconds(10);

    private final JobQueue queue;
    // under the queue's lock
    private Instant lastCheck = Instant.EPOCH;
    private boolean busy;

    ColdStartWatch(JobQueue queue) {
        this.queue = queue;
    }

    /** The /health read that is due among these jobs, or null; called by the tick under the queue's lock. */
    Runnable due(Collection<TrackedJob> jobs, Instant now) {
        boolean waiting = jobs.stream().anyMatch(t -> t.job.phase() == JobPhase.IN_QUEUE
                && t.job.submitted() != null && t.job.submitted().plus(QUEUED_A_WHILE).isBefore(now));
        if (!waiting || busy || !lastCheck.plus(HEALTH_EVERY).isBefore(now)) {
            return null;
        }
        busy = true;
        lastCheck = now;
        List<TrackedJob> all = List.copyOf(jobs);
        return () -> check(all);
    }

    private void check(List<TrackedJob> all) {
        try {
            HealthResponse h = queue.endpoint.client().health();
            boolean cold = h.idleWorkers() == 0 && h.worker("ready") == 0 && h.worker("initializing") > 0
                    || h.idleWorkers() == 0 && h.runningWorkers() == 0 && h.worker("ready") == 0;
            for (TrackedJob t : all) {
                boolean waitsForStart = cold && !t.spec.lowPriority(); // a low-priority job starts no worker
                if (t.job.phase() == JobPhase.IN_QUEUE && t.job.coldStart() != waitsForStart) {
                    queue.transition(t, j -> j.phase() == JobPhase.IN_QUEUE
                            ? JobStateMachine.coldStart(j, waitsForStart) : j);
                }
            }
        } catch (RunpodException e) {
            log.debug("health check failed: {}", e.getMessage());
        } finally {
            synchronized (queue) {
                busy = false;
            }
        }
    }
}
