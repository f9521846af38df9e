package dev.easel.jobs;

import dev.easel.api.HealthResponse;
import dev.easel.api.JobRef;
import dev.easel.api.JobState;
import dev.easel.api.RunpodException;
import dev.easel.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * The queue's way of sending a job with /run, never twice: the job is journaled as on its way before the request
 * leaves, a send that surely did not arrive is tried again later, and one that may or may not have arrived is
 * decided from the endpoint's job counts around it or left as "Sent?".
 */
final class JobSender {

    private static final Logger log = LoggerFactory.getLogger(JobSender.class);
    /** After a send that may or may not have arrived, sends go one at a time between two /health reads this long. */
    static final Duration CAREFUL_FOR = Duration.ofMinutes(10);
    /** The key of the sentence for a job that reached Runpod but whose id was lost. */
    static final String ARRIVED_ID_LOST = "jobs.arrivedIdLost";

    /** The key of why an unfinished job of the embedded demo ended at the next start. */
    static final String STOPPED_WITH_EASEL = "jobs.stoppedWithEasel";

    private final JobQueue queue;
    /** Until when sends are made one at a time, each between two /health reads (see {@link #sendCarefully}). */
    private volatile Instant carefulUntil = Instant.EPOCH;

    private final Semaphore slots;
    private final int maxSends;

    JobSender(JobQueue queue, int maxConcurrentSends) {
        this.queue = queue;
        this.slots = new Semaphore(maxConcurrentSends);
        this.maxSends = maxConcurrentSends;
    }

    /** Under the queue's lock: the send of this waiting job when a slot is free (the job is busy from now), else null. */
    Runnable sendIfFree(TrackedJob t, Instant now) {
        // careful: one send at a time, so a bracket of /health reads sees only its own job
        if ((careful(now) && slots.availablePermits() != maxSends) || !slots.tryAcquire()) {
            return null;
        }
        t.busy = true;
        return () -> {
            try {
                send(t);
            } finally {
                queue.notBusy(t);
                slots.release();
            }
        };
    }

    /** Whether sends go one at a time now, each between two /health reads. */
    boolean careful(Instant now) {
        return carefulUntil.isAfter(now);
    }

    void send(TrackedJob t) {
        // journaled as "on its way" before the request leaves; refused when it was cancelled meanwhile
        Instant at = queue.clock.instant();
        if (!queue.transition(t, j -> j.phase() != JobPhase.PENDING ? j : j.outcome().cancelRequested()
                ? JobStateMachine.ended(j, JobPhase.CANCELLED, at, null, null, null, false)
                : JobStateMachine.sending(j)) || t.job.phase() != JobPhase.SUBMITTING) {
            return;
        }
        JobRef ref;
        HealthResponse before = careful(at) ? healthOrNull() : null;
        int changesBefore = queue.countChanges.get();
        try {
            ref = queue.endpoint.client().run(t.spec.input(), t.spec.policy());
        } catch (RunpodException e) {
            if (e.kind() == RunpodException.Kind.SUBMISSION_UNKNOWN) {
                carefulUntil = queue.clock.instant().plus(CAREFUL_FOR);
                if (before != null) {
                    sendCarefully(t, e, before, changesBefore);
                    return;
                }
            }
            onSendFailure(t, e);
            return;
        } catch (RuntimeException e) {
            log.error("sending job {} failed unexpectedly", t.job.id(), e);
            onSendFailure(t, new RunpodException(RunpodException.Kind.SUBMISSION_UNKNOWN,
                    Text.of("jobs.send.unexpected", String.valueOf(e)), String.valueOf(e)));
            return;
        }
        Instant now = queue.clock.instant();
        JobPhase phase = ref.state() == JobState.IN_PROGRESS ? JobPhase.IN_PROGRESS : JobPhase.IN_QUEUE;
        if (!queue.transition(t, j -> JobStateMachine.accepted(j, ref.id(), phase, now))) {
            // the journal refused: keep the id in memory all the same, so the job is followed and can be cancelled
            synchronized (t) {
                t.job = JobStateMachine.accepted(t.job, ref.id(), phase, now);
            }
        }
        queue.startPolling(t, now);
    }

    /** Whether a journaled job can't go on after a restart: one being sent, or any sent job of the embedded demo. */
    boolean endsAtStart(Job j) {
        return j.phase() == JobPhase.SUBMITTING
                || queue.endpoint.inProcess() && !j.phase().isTerminal() && j.phase() != JobPhase.PENDING;
    }

    /** Ends a job {@link #endsAtStart} picked, saying why. */
    void afterRestart(TrackedJob t, Instant now) {
        if (queue.endpoint.inProcess()) {
            // the embedded demo's jobs lived in this process: they ended with it, and this is a new demo
            // one being sent was never created there: FAILED (a sent one EXPIRED), and either is retried as new
            JobPhase end = t.job.phase() == JobPhase.SUBMITTING ? JobPhase.FAILED : JobPhase.EXPIRED;
            queue.transition(t, j -> JobStateMachine.ended(j, end, now, Text.of(STOPPED_WITH_EASEL), null, null, false));
        } else {
            stoppedWhileSending(t, now);
        }
    }

    /** A job Easel was sending when it stopped: it may or may not have arrived, so it is not sent again. */
    private void stoppedWhileSending(TrackedJob t, Instant now) {
        if (t.job.runpodId() != null) {
            // it stopped while asking Runpod to /retry a job it knows: that job's status tells what happened
            queue.transition(t, j -> JobStateMachine.accepted(j, j.runpodId(), JobPhase.IN_QUEUE, now));
            return;
        }
        queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.SUBMISSION_UNKNOWN, now,
                Text.of("jobs.send.stoppedWhileSending"), null, null, false));
    }

    private HealthResponse healthOrNull() {
        try {
            return queue.endpoint.client().health();
        } catch (RunpodException e) {
            log.debug("no /health for a send's bracket: {}", e.getMessage());
            return null;
        }
    }

    /**
     * Decides a /run that may or may not have arrived from the endpoint's job counts read just before it and now.
     * Only this send happened between the two reads (careful sends go one at a time, and a cancel or retry of ours
     * in between voids the bracket). Counted are all jobs the endpoint knows (queued, running, completed, failed) and
     * the live ones: all unchanged means it did not arrive, so it is sent again; one more means it arrived and its id
     * was lost; anything else can't be told apart from other work on the endpoint, so it stays "Sent?".
     */
    private void sendCarefully(TrackedJob t, RunpodException e, HealthResponse before, int changesBefore) {
        HealthResponse after = healthOrNull();
        if (after == null || queue.countChanges.get() != changesBefore) {
            onSendFailure(t, e);
            return;
        }
        long total = known(after) - known(before);
        long live = after.inQueue() + after.inProgress() - before.inQueue() - before.inProgress();
        Instant now = queue.clock.instant();
        if (total == 0 && live <= 0) {
            Instant first = queue.failingSince(t, now);
            if (Duration.between(first, now).compareTo(JobQueue.GIVE_UP_AFTER) > 0) {
                queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now,
                        Text.of("jobs.send.gaveUpNeverArrived", JobQueue.GIVE_UP_AFTER.toMinutes(), e.text()),
                        e.detail(), null, false));
                return;
            }
            queue.later(t, queue.tryAgainLater(t, e, now, JobPhase.PENDING, "jobs.retry.notArrived"));
        } else if (total == 1) {
            queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.SUBMISSION_UNKNOWN, now,
                    Text.of(ARRIVED_ID_LOST, JobStateMachine.shortCause(e)), e.detail(), null, false));
        } else {
            onSendFailure(t, new RunpodException(e.kind(), e.text().then(Text.of("jobs.send.countsChanged", total)),
                    e.detail()));
        }
    }

    private static long known(HealthResponse h) {
        return h.inQueue() + h.inProgress() + h.job("completed") + h.job("failed");
    }

    private void onSendFailure(TrackedJob t, RunpodException e) {
        Instant now = queue.clock.instant();
        switch (e.kind()) {
            case NETWORK, RATE_LIMITED -> {
                // surely not created (the connection was refused, or Runpod said "too many"): send it later
                if (t.job.outcome().cancelRequested()) {
                    queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.CANCELLED, now, null, null, null,
                            false));
                    return;
                }
                Instant first = queue.failingSince(t, now);
                if (Duration.between(first, now).compareTo(JobQueue.GIVE_UP_AFTER) > 0) {
                    queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now,
                            Text.of("jobs.send.gaveUp", JobQueue.GIVE_UP_AFTER.toMinutes(), e.text()), e.detail(),
                            null, false));
                    return;
                }
                queue.later(t, queue.tryAgainLater(t, e, now, JobPhase.PENDING, "jobs.retry.notSentYet"));
            }
            case SUBMISSION_UNKNOWN -> queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.SUBMISSION_UNKNOWN,
                    now, e.text(), e.detail(), null, false));
            case INTERRUPTED -> {
                // the app is closing mid-send: the journal says SUBMITTING, which the next start reads as "sent?"
            }
            default -> queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now, e.text(),
                    e.detail(), null, false));
        }
    }
}
