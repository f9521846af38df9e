package dev.easel.jobs;

import dev.easel.api.RunpodException;
import dev.easel.text.Text;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The life of a job: which phase may follow which (one table), and the changes that events make, as pure functions
 * of the job. {@link JobQueue#transition} is the one place that applies them: it checks the move against
 * {@link #allows}, journals the result and only then lets it take effect. A terminal phase never changes again;
 * a retry is a new job that names the one it retries.
 */
public final class JobStateMachine {

    private static final Map<JobPhase, Set<JobPhase>> NEXT = new EnumMap<>(JobPhase.class);

    static {
        NEXT.put(JobPhase.PENDING, EnumSet.of(JobPhase.SUBMITTING, JobPhase.CANCELLED, JobPhase.FAILED));
        // PENDING again: it surely never arrived (refused connection, 429), so it is sent later
        NEXT.put(JobPhase.SUBMITTING, EnumSet.of(JobPhase.PENDING, JobPhase.IN_QUEUE, JobPhase.IN_PROGRESS,
                JobPhase.FAILED, JobPhase.SUBMISSION_UNKNOWN));
        NEXT.put(JobPhase.IN_QUEUE, EnumSet.of(JobPhase.IN_PROGRESS, JobPhase.SAVING, JobPhase.FAILED,
                JobPhase.CANCELLED, JobPhase.TIMED_OUT, JobPhase.EXPIRED));
        // IN_QUEUE again: Runpod puts a job back in its queue when its worker is lost
        NEXT.put(JobPhase.IN_PROGRESS, EnumSet.of(JobPhase.IN_QUEUE, JobPhase.SAVING, JobPhase.FAILED,
                JobPhase.CANCELLED, JobPhase.TIMED_OUT, JobPhase.EXPIRED));
        // a SAVING job fetches and saves a COMPLETED result: it can only be saved, fail (result kept) or expire
        NEXT.put(JobPhase.SAVING, EnumSet.of(JobPhase.COMPLETED, JobPhase.FAILED, JobPhase.EXPIRED));
        for (JobPhase p : JobPhase.values()) {
            NEXT.putIfAbsent(p, EnumSet.noneOf(JobPhase.class));
        }
    }

    private JobStateMachine() { }

    /** Whether a job may go from one phase to another; staying in a live phase (new timings, a note) is allowed. */
    public static boolean allows(JobPhase from, JobPhase to) {
        if (from.isTerminal()) {
            return false;
        }
        return from == to || NEXT.get(from).contains(to);
    }

    // ---- the changes events make ------------------------------------------------------------------------

    static Job sending(Job j) {
        return j.withPhase(JobPhase.SUBMITTING).withLive(Job.Live.NONE.withRetry(null, j.live().attempt()));
    }

    /** {@code /run} answered with an id. */
    static Job accepted(Job j, String runpodId, JobPhase phase, Instant now) {
        Job.Timings t = j.timings();
        return j.withPhase(phase).withRunpodId(runpodId)
                .withTimings(new Job.Timings(t.created(), now, null, null, null, null))
                .withNote(j.outcome().cancelRequested() ? CANCELLING : null).withLive(Job.Live.NONE);
    }

    /** A request failed in a way that surely did not reach Runpod, or that may be asked again: try later. */
    static Job retrying(Job j, JobPhase phase, Instant at, int attempt, Text lastCause) {
        return j.withPhase(phase).withNote(lastCause).withLive(j.live().withRetry(at, attempt));
    }

    /** A request answered again after failures. */
    static Job recovered(Job j) {
        if (j.live().retryAt() == null && j.live().attempt() == 0) {
            return j;
        }
        return j.withNote(j.outcome().cancelRequested() ? CANCELLING : null).withLive(j.live().withRetry(null, 0));
    }

    /** Runpod's view of a live job: its phase and timings. */
    static Job observed(Job j, JobPhase phase, Duration delay, Duration execution) {
        Job.Timings t = j.timings();
        Instant started = delay != null && t.submitted() != null ? t.submitted().plus(delay) : t.started();
        if (phase == JobPhase.IN_QUEUE) {
            started = null; // (again) waiting for a worker
        }
        return j.withPhase(phase).withTimings(new Job.Timings(t.created(), t.submitted(), started, t.finished(),
                delay != null ? delay : t.delay(), execution != null ? execution : t.execution()));
    }

    static Job progress(Job j, double fraction, boolean estimate) {
        return j.withLive(j.live().withProgress(fraction, estimate));
    }

    static Job coldStart(Job j, boolean cold) {
        return j.withLive(j.live().withColdStart(cold));
    }

    static final Text CANCELLING = Text.of("jobs.cancelling");

    /** The user asked to cancel a job that Runpod has (or may soon have): Easel asks Runpod until it ends. */
    static Job cancelRequested(Job j) {
        Job.Outcome o = j.outcome();
        return j.withOutcome(new Job.Outcome(o.error(), o.errorDetail(), CANCELLING, o.files(), o.resultKept(), true));
    }

    /** A job that ended: a terminal phase, its error (or null) and what to say. */
    static Job ended(Job j, JobPhase phase, Instant now, Text error, String detail, Text note, boolean resultKept) {
        if (!phase.isTerminal()) {
            throw new IllegalArgumentException(phase + " is not an end");
        }
        Job.Timings t = j.timings();
        Job.Outcome o = j.outcome();
        double progress = phase == JobPhase.COMPLETED ? 1 : j.progress();
        return j.withPhase(phase)
                .withTimings(new Job.Timings(t.created(), t.submitted(), t.started(), now, t.delay(), t.execution()))
                .withOutcome(new Job.Outcome(error, detail, note, o.files(), resultKept, o.cancelRequested()))
                .withLive(new Job.Live(progress, false, false, null, 0));
    }

    static Job completed(Job j, Instant now, List<Path> files, Text note) {
        Job.Outcome o = j.outcome();
        Job withFiles = j.withOutcome(new Job.Outcome(o.error(), o.errorDetail(), o.note(), files, o.resultKept(),
                o.cancelRequested()));
        return ended(withFiles, JobPhase.COMPLETED, now, null, null, note, false);
    }

    /** Timings learned at the end (a cancelled run's execution time, say). */
    static Job withExecution(Job j, Duration delay, Duration execution) {
        Job.Timings t = j.timings();
        return j.withTimings(new Job.Timings(t.created(), t.submitted(), t.started(), t.finished(),
                delay != null ? delay : t.delay(), execution != null ? execution : t.execution()));
    }

    /** A short cause for a row: "HTTP 503", "no answer in time". */
    static Text shortCause(RunpodException e) {
        if (e.httpStatus() > 0) {
            return Text.of("jobs.cause.http", e.httpStatus());
        }
        return switch (e.kind()) {
            case TIMEOUT -> Text.of("jobs.cause.timeout");
            case NETWORK -> Text.of("jobs.cause.network");
            case BAD_RESPONSE -> Text.of("jobs.cause.unreadable");
            default -> e.text();
        };
    }

    /** Whether two versions of a job differ in what the journal keeps (else the change is live only). */
    static boolean journaledPartsDiffer(Job a, Job b) {
        return a.phase() != b.phase() || !Objects.equals(a.runpodId(), b.runpodId())
                || !a.timings().equals(b.timings()) || !a.outcome().equals(b.outcome());
    }
}
