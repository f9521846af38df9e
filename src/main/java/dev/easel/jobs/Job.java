package dev.easel.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A job as the queue view shows it. Immutable; the queue publishes a new one on every change.
 *
 * @param progress      0..1 when known or estimated, else -1
 * @param progressIsEstimate true when progress comes from elapsed time, not from the worker
 * @param files         the saved images, once COMPLETED
 * @param note          something to say that is not an error (non-fatal worker errors, "no images")
 */
public record Job(long id, String runpodId, String endpointName, JobPhase phase, String prompt, Long seed,
                  Instant created, Instant submitted, Instant started, Instant finished, Duration delay,
                  Duration execution, double progress, boolean progressIsEstimate, String error, String errorDetail,
                  List<Path> files, String note, double pricePerSecond, boolean coldStart) {

    public Job {
        files = List.copyOf(files);
    }

    /** What the execution cost at the profile's price per GPU-second. */
    public double cost() {
        return execution == null ? 0 : execution.toMillis() / 1000.0 * pricePerSecond;
    }

    Job with(JobPhase p) {
        return new Job(id, runpodId, endpointName, p, prompt, seed, created, submitted, started, finished, delay,
                execution, progress, progressIsEstimate, error, errorDetail, files, note, pricePerSecond, coldStart);
    }

    Job submitted(String rid, Instant at) {
        return new Job(id, rid, endpointName, JobPhase.IN_QUEUE, prompt, seed, created, at, null, null, null, null,
                -1, false, null, null, List.of(), note, pricePerSecond, coldStart);
    }

    Job timings(Instant startedAt, Duration d, Duration e) {
        return new Job(id, runpodId, endpointName, phase, prompt, seed, created, submitted,
                startedAt != null ? startedAt : started, finished, d != null ? d : delay, e != null ? e : execution,
                progress, progressIsEstimate, error, errorDetail, files, note, pricePerSecond, coldStart);
    }

    Job progress(double p, boolean estimate) {
        return new Job(id, runpodId, endpointName, phase, prompt, seed, created, submitted, started, finished, delay,
                execution, p, estimate, error, errorDetail, files, note, pricePerSecond, coldStart);
    }

    Job coldStart(boolean cold) {
        return new Job(id, runpodId, endpointName, phase, prompt, seed, created, submitted, started, finished, delay,
                execution, progress, progressIsEstimate, error, errorDetail, files, note, pricePerSecond, cold);
    }

    Job finished(JobPhase p, Instant at, String err, String detail, List<Path> saved, String n) {
        return new Job(id, runpodId, endpointName, p, prompt, seed, created, submitted, started, at, delay, execution,
                p == JobPhase.COMPLETED ? 1 : progress, false, err, detail, saved, n, pricePerSecond, false);
    }
}
